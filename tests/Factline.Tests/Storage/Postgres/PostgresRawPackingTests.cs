using System.Text.Json;
using Factline.Envelope;
using Factline.Storage;
using Factline.Storage.Postgres;
using Factline.Storage.Queries;
using Factline.Tests.Infrastructure;
using Factline.Tests.Storage.Contract;
using Npgsql;

namespace Factline.Tests.Storage.Postgres;

/// <summary>
/// Raw values are stored as they came until the writer has seen enough facts to train a zstd dictionary,
/// packed with it from then on; every read gives back the record value exactly as it was read from the log.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRawPackingTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const int Facts = 1_500; // more than the samples a dictionary is trained from
    private const int FactsPerBatch = 250;
    private const string IsPacked = @"substring(raw from 1 for 4) = '\x28b52ffd'::bytea"; // the zstd frame's magic number

    private readonly PostgresStores _stores = new(postgres);

    [Fact]
    public async Task Facts_after_the_training_samples_are_stored_packed_and_read_back_exactly()
    {
        var options = _stores.NewOptions();
        var store = _stores.Open(options);
        var facts = Varied(0, Facts);

        await ApplyAsync(store, facts);

        var (plain, packed) = await StoredFormsAsync(options);
        Assert.True(packed > 0 && plain > 0, $"{plain} plain and {packed} packed values");
        Assert.Equal(1, await ScalarAsync(options, "SELECT COUNT(*) FROM raw_dictionaries"));
        foreach (var fact in facts)
            StoreAssert.SameFact(fact, await store.FindAsync(fact.Fact.EventId));
        var timeline = await store.QueryAsync(FactQuery.ForCorrelation(facts[^1].Fact.CorrelationId));
        Assert.NotEmpty(timeline.Items);
        Assert.All(timeline.Items, read => StoreAssert.SameFact(facts.Single(f => f.Fact.EventId == read.Fact.EventId), read));
    }

    [Fact]
    public async Task A_reopened_writer_packs_with_the_stored_dictionary_and_another_instance_reads_its_facts()
    {
        var options = _stores.NewOptions();
        await using (var first = PostgresProjectionStore.Open(options))
            await ApplyAsync(first, Varied(0, Facts));
        var reopened = _stores.Open(options);
        var later = Varied(Facts, FactsPerBatch);

        await ApplyAsync(reopened, later);

        Assert.Equal(1, await ScalarAsync(options, "SELECT COUNT(*) FROM raw_dictionaries"));
        Assert.Equal(FactsPerBatch, await ScalarAsync(options, $"SELECT COUNT(*) FROM facts WHERE event_id LIKE 'pack-%' AND {IsPacked} AND event_id >= 'pack-{Facts:D6}'"));
        StoreAssert.SameFact(later[0], await _stores.Open(options).FindAsync(later[0].Fact.EventId));
    }

    [Fact]
    public async Task A_packed_fact_delivered_again_is_a_duplicate_and_a_changed_one_a_conflict()
    {
        var store = _stores.Open();
        var facts = Varied(0, Facts);
        await ApplyAsync(store, facts);
        var last = facts[^1];
        var changed = last.Fact with { Stage = "order.changed" };

        var result = await store.ApplyAsync(TestFacts.Batch([last.Fact.At(1, 0), changed.At(1, 1)], null, TestFacts.Bookmark(1, 2)));

        Assert.Equal(new ApplyResult(0, 1, 1), result);
        StoreAssert.SameFact(last, await store.FindAsync(last.Fact.EventId));
    }

    /// <summary>Facts as unlike each other as a log's: their own correlation, outcome and payload.</summary>
    private static List<ProjectedFact> Varied(int first, int count) =>
    [
        .. Enumerable.Range(first, count).Select(i =>
            (TestFacts.Fact($"pack-{i:D6}", $"PO-PACK-{i / 20}", i % 7 == 0 ? Outcome.InProgress : Outcome.Success) with
            {
                Attempt = 1 + i % 3,
                Payload = RawJson.From(JsonSerializer.SerializeToElement(new { productOrder = new { id = $"PO-{i * 7919 % 100_003}", items = i % 5, note = Guid.NewGuid() } })),
            }).At(0, i)),
    ];

    private static async Task ApplyAsync(IProjectionStore store, List<ProjectedFact> facts)
    {
        foreach (var batch in facts.Chunk(FactsPerBatch))
            await store.ApplyAsync(TestFacts.Batch(batch, null, TestFacts.Bookmark(0, batch[^1].Position.Offset + 1)));
    }

    private async Task<(long Plain, long Packed)> StoredFormsAsync(PostgresStoreOptions options) =>
        (await ScalarAsync(options, $"SELECT COUNT(*) FROM facts WHERE NOT {IsPacked}"), await ScalarAsync(options, $"SELECT COUNT(*) FROM facts WHERE {IsPacked}"));

    private async Task<long> ScalarAsync(PostgresStoreOptions options, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { SearchPath = options.Schema }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _stores.DisposeAsync().AsTask();
}
