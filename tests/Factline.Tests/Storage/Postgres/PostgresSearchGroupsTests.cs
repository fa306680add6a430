using Factline.Envelope;
using Factline.Storage;
using Factline.Storage.Postgres;
using Factline.Storage.Queries;
using Factline.Tests.Infrastructure;
using Factline.Tests.Storage.Contract;
using Npgsql;

namespace Factline.Tests.Storage.Postgres;

/// <summary>
/// The search index holds one integer per (eventType, stage, outcome); schemas of the release before move over to it,
/// and writers of several instances agree on the ids.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSearchGroupsTests(PostgresFixture postgres) : IAsyncLifetime
{
    /// <summary>The release before search groups: the search index held the three texts.</summary>
    private const int VersionBeforeSearchGroups = 4;

    private readonly PostgresStores _stores = new(postgres);

    [Fact]
    public async Task A_schema_of_the_release_before_keeps_every_fact_findable_by_event_type_stage_and_outcome()
    {
        var options = _stores.NewOptions();
        await InsertAsTheReleaseBeforeDidAsync(options.Schema, FactCorpus.Facts);

        var store = _stores.Open(options);

        Assert.Equal(["CREATE INDEX facts_search ON " + options.Schema + ".facts USING btree (search_group, event_time)"],
            await postgres.QueryAsync<string>("SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND indexname = 'facts_search'", options.Schema));
        foreach (var group in FactCorpus.Facts.GroupBy(GroupOf).Where(g => g.Key.EventType is not null))
        {
            var page = await store.QueryAsync(GroupSearch.For(group.Key.EventType!, group.Key.Stage, group.Key.Outcome));
            Assert.Equal(EventIds(group), EventIds(page.Items));
            Assert.Equal(group.Count(), page.Total);
        }
    }

    [Fact]
    public async Task Facts_applied_after_the_move_and_facts_from_before_share_their_groups()
    {
        var options = _stores.NewOptions();
        var before = FactCorpus.Facts.Take(FactCorpus.Facts.Count / 2).ToList();
        await InsertAsTheReleaseBeforeDidAsync(options.Schema, before);
        var store = _stores.Open(options);

        await store.ApplyAsync(new ProjectionBatch([.. FactCorpus.Facts.Skip(before.Count)], [], []));

        Assert.Equal([(long)FactCorpus.Facts.Select(GroupOf).Distinct().Count()], await postgres.QueryAsync<long>($"SELECT COUNT(*) FROM {options.Schema}.search_groups"));
        foreach (var stage in FactCorpus.Facts.Select(f => f.Fact.Stage).Distinct())
        {
            var page = await store.QueryAsync(new FactQuery { Filters = [FactFilter.Is(FactField.Stage, stage)], Limit = 1_000 });
            Assert.Equal(EventIds(FactCorpus.Facts.Where(f => f.Fact.Stage == stage)), EventIds(page.Items));
        }
    }

    [Fact]
    public async Task Writers_of_two_instances_that_meet_a_new_group_at_once_give_it_one_id()
    {
        var options = _stores.NewOptions();
        var first = _stores.Open(options);
        var second = _stores.Open(options);
        var facts = Enumerable.Range(0, 40)
            .Select(i => (TestFacts.Fact($"e-{i}") with { EventType = "ServiceOrderStateChangeEvent", Stage = "provisioning" }).At(i % 2, i))
            .ToList();

        await Task.WhenAll(
            first.ApplyAsync(new ProjectionBatch([.. facts.Where(f => f.Position.Partition == 0)], [], [])),
            second.ApplyAsync(new ProjectionBatch([.. facts.Where(f => f.Position.Partition == 1)], [], [])));

        Assert.Equal([1L], await postgres.QueryAsync<long>($"SELECT COUNT(*) FROM {options.Schema}.search_groups WHERE stage = 'provisioning'"));
        var page = await second.QueryAsync(GroupSearch.For("ServiceOrderStateChangeEvent", "provisioning", WireNames.Of(Outcome.Success)));
        Assert.Equal(EventIds(facts), EventIds(page.Items));
        Assert.Equal(facts.Count, page.Total);
        var noGroup = await second.QueryAsync(GroupSearch.For("ServiceOrderStateChangeEvent", "provisioning", WireNames.Of(Outcome.Error), more: FactFilter.Is(FactField.CorrelationId, "PO-TEST-1")));
        Assert.Empty(noGroup.Items);
        Assert.Equal(0, noGroup.Total);
    }

    [Fact]
    public async Task A_search_on_part_of_a_group_finds_the_facts_of_a_group_another_instance_added_after_it_last_looked()
    {
        var options = _stores.NewOptions();
        var reader = _stores.Open(options);
        var writer = _stores.Open(options);
        await writer.ApplyAsync(new ProjectionBatch([(TestFacts.Fact("e-1") with { Stage = "provisioning" }).At(0, 0)], [], []));
        Assert.Single((await reader.QueryAsync(new FactQuery { Filters = [FactFilter.Is(FactField.Stage, "provisioning")] })).Items);

        await writer.ApplyAsync(new ProjectionBatch([(TestFacts.Fact("e-2") with { EventType = "ServiceOrderStateChangeEvent", Stage = "provisioning" }).At(0, 1)], [], []));

        var page = await reader.QueryAsync(new FactQuery { Filters = [FactFilter.Is(FactField.Stage, "provisioning")] });
        Assert.Equal(["e-1", "e-2"], EventIds(page.Items));
        var byOtherType = await reader.QueryAsync(GroupSearch.For("ServiceOrderStateChangeEvent", "provisioning", WireNames.Of(Outcome.Success)));
        Assert.Equal(["e-2"], EventIds(byOtherType.Items));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _stores.DisposeAsync().AsTask();

    private static (string? EventType, string Stage, string Outcome) GroupOf(ProjectedFact fact) =>
        (fact.Fact.EventType, fact.Fact.Stage, WireNames.Of(fact.Fact.Outcome));

    private static List<string> EventIds(IEnumerable<ProjectedFact> facts) => [.. facts.Select(f => f.Fact.EventId).Order(StringComparer.Ordinal)];

    private static List<string> EventIds(IEnumerable<StoredFact> facts) => [.. facts.Select(f => f.Fact.EventId).Order(StringComparer.Ordinal)];

    /// <summary>The facts table as the release before wrote it (raw values as they came), with the per-group counts its writer kept.</summary>
    private async Task InsertAsTheReleaseBeforeDidAsync(string schema, IEnumerable<ProjectedFact> facts)
    {
        // The migrations name their tables unqualified, as the store's connections do: the search path makes them the schema's.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { SearchPath = schema }.ConnectionString);
        await connection.OpenAsync();
        PostgresSchema.Migrate(connection, schema, VersionBeforeSearchGroups);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var projected in facts)
        {
            var fact = projected.Fact;
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
                INSERT INTO {schema}.facts (event_id, correlation_id, message_id, record_type, event_type, stage, outcome, attempt, event_time,
                                            log_topic, log_partition, log_offset, raw)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                """)
            {
                Parameters =
                {
                    new() { Value = fact.EventId }, new() { Value = fact.CorrelationId }, new() { Value = (object?)fact.MessageId ?? DBNull.Value },
                    new() { Value = WireNames.Of(fact.RecordType) }, new() { Value = (object?)fact.EventType ?? DBNull.Value },
                    new() { Value = fact.Stage }, new() { Value = WireNames.Of(fact.Outcome) }, new() { Value = fact.Attempt },
                    new() { Value = fact.Timestamp.UtcTicks }, new() { Value = projected.Position.Topic },
                    new() { Value = projected.Position.Partition }, new() { Value = projected.Position.Offset }, new() { Value = projected.Raw.ToArray() },
                },
            });
        }
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            INSERT INTO {schema}.fact_counts (record_type, event_type, stage, outcome, facts)
            SELECT record_type, event_type, stage, outcome, COUNT(*) FROM {schema}.facts GROUP BY record_type, event_type, stage, outcome
            """));
        await batch.ExecuteNonQueryAsync();
    }
}
