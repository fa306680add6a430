using Factline.Storage;
using Factline.Storage.Queries;
using Factline.Tests.Infrastructure;
using Factline.Tests.Storage.Contract;

namespace Factline.Tests.Storage.Postgres;

/// <summary>
/// Valid JSON may carry U+0000, which PostgreSQL text cannot hold. Such a fact must still be kept,
/// found and filtered, and must not stop the projector with a failing batch.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTextTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string EventId = "e\u00001";
    private const string Stage = "order\u0000validation";

    private readonly PostgresStores _stores = new(postgres);

    [Fact]
    public async Task A_fact_with_nul_characters_is_kept_exactly_found_and_filtered()
    {
        var store = _stores.Open();
        var fact = TestFacts.Fact(EventId) with { Stage = Stage };

        await store.ApplyAsync(TestFacts.Batch([fact.At(0, 0)]));

        StoreAssert.SameFact(fact.At(0, 0), await store.FindAsync(EventId));
        var page = await store.QueryAsync(new FactQuery { Filters = [FactFilter.Is(FactField.Stage, Stage), FactFilter.Is(FactField.EventId, EventId)] });
        StoreAssert.EventIds([EventId], page.Items);
        Assert.Equal(new ApplyResult(0, 1, 0), await store.ApplyAsync(TestFacts.Batch([fact.At(0, 1)])));
    }

    [Fact]
    public async Task A_record_with_a_nul_character_in_its_key_is_quarantined_and_listed_by_that_key()
    {
        var store = _stores.Open();
        var entry = TestFacts.Unreadable(TestFacts.Position(0, 2), QuarantineReason.InvalidJson, key: "PO\u0000X");

        await store.ApplyAsync(TestFacts.Batch([], [entry]));

        var listed = Assert.Single((await store.QueryQuarantineAsync(new QuarantineQuery { Key = "PO\u0000X" })).Items);
        StoreAssert.SamePosition(entry.Position, listed.Position);
        Assert.Equal(entry.Raw.ToArray(), listed.Raw.ToArray());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _stores.DisposeAsync().AsTask();
}
