using Factline.Envelope;
using Factline.Storage;
using Factline.Storage.Queries;
using Factline.Storage.Sqlite;
using Factline.Tests.Storage.Contract;
using Microsoft.Data.Sqlite;

namespace Factline.Tests.Storage.Sqlite;

/// <summary>The search index holds one integer per (eventType, stage, outcome); files of earlier releases move over to it.</summary>
public sealed class SqliteSearchGroupsTests : IDisposable
{
    /// <summary>The release before search groups: the facts table held the three texts.</summary>
    private const int VersionBeforeSearchGroups = 5;

    private readonly SqliteStoreOptions _options = new() { DataDirectory = Directory.CreateTempSubdirectory("factline-search-groups-").FullName };

    [Fact]
    public async Task A_file_of_the_release_before_keeps_every_fact_findable_by_event_type_stage_and_outcome()
    {
        using (var connection = Open())
        {
            SqliteSchema.Migrate(connection, VersionBeforeSearchGroups);
            InsertAsTheReleaseBeforeDid(connection, FactCorpus.Facts);
        }

        await using var store = SqliteProjectionStore.Open(_options);

        Assert.DoesNotContain("event_type", Columns("facts"));
        foreach (var group in FactCorpus.Facts.GroupBy(f => (f.Fact.EventType, f.Fact.Stage, Outcome: WireNames.Of(f.Fact.Outcome))).Where(g => g.Key.EventType is not null))
        {
            var page = await store.QueryAsync(GroupSearch.For(group.Key.EventType!, group.Key.Stage, group.Key.Outcome));
            Assert.Equal(group.Select(f => f.Fact.EventId).Order(StringComparer.Ordinal), page.Items.Select(f => f.Fact.EventId).Order(StringComparer.Ordinal));
            Assert.Equal(group.Count(), page.Total);
        }
    }

    [Fact]
    public async Task Facts_applied_after_the_move_and_facts_from_before_share_their_groups()
    {
        var before = FactCorpus.Facts.Take(FactCorpus.Facts.Count / 2).ToList();
        using (var connection = Open())
        {
            SqliteSchema.Migrate(connection, VersionBeforeSearchGroups);
            InsertAsTheReleaseBeforeDid(connection, before);
        }
        await using var store = SqliteProjectionStore.Open(_options);
        var after = FactCorpus.Facts.Skip(before.Count).ToList();
        await store.ApplyAsync(new ProjectionBatch(after, [], []));

        var groupsInCorpus = FactCorpus.Facts.Select(f => (f.Fact.EventType, f.Fact.Stage, WireNames.Of(f.Fact.Outcome))).Distinct().Count();
        Assert.Equal(groupsInCorpus, Count("search_groups"));
        foreach (var fact in FactCorpus.Facts.Where(f => f.Fact.EventType is not null))
        {
            var page = await store.QueryAsync(new FactQuery
            {
                Filters = [FactFilter.Is(FactField.EventType, fact.Fact.EventType!), FactFilter.Is(FactField.EventId, fact.Fact.EventId)],
            });
            Assert.Equal(fact.Fact.EventId, Assert.Single(page.Items).Fact.EventId);
        }
    }

    [Fact]
    public void An_id_created_in_a_transaction_that_rolled_back_is_not_handed_out_again()
    {
        using var connection = Open();
        SqliteSchema.Migrate(connection);
        using var groups = new SearchGroups(connection);

        using (var rolledBack = connection.BeginTransaction())
        {
            groups.IdOf("ProductOrderCreateEvent", "validation", "SUCCESS", rolledBack);
            rolledBack.Rollback();
        }
        groups.Forget();
        long id;
        using (var committed = connection.BeginTransaction())
        {
            id = groups.IdOf("ProductOrderCreateEvent", "validation", "SUCCESS", committed);
            committed.Commit();
        }

        Assert.Equal(1, Count("search_groups", $"id = {id} AND event_type = 'ProductOrderCreateEvent' AND stage = 'validation' AND outcome = 'SUCCESS'"));
    }

    [Fact]
    public void Facts_without_an_event_type_share_one_group_across_writers()
    {
        using var connection = Open();
        SqliteSchema.Migrate(connection);
        long first, second;
        using (var groups = new SearchGroups(connection))
        using (var transaction = connection.BeginTransaction())
        {
            first = groups.IdOf(null, "ingress.http", "SUCCESS", transaction);
            transaction.Commit();
        }
        using (var groups = new SearchGroups(connection))
        using (var transaction = connection.BeginTransaction())
        {
            second = groups.IdOf(null, "ingress.http", "SUCCESS", transaction);
            transaction.Commit();
        }

        Assert.Equal(first, second);
        Assert.Equal(1, Count("search_groups"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_options.DataDirectory, recursive: true);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _options.DatabasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>The facts table as the release before wrote it, with the per-group counts its writer kept.</summary>
    private static void InsertAsTheReleaseBeforeDid(SqliteConnection connection, IEnumerable<ProjectedFact> facts)
    {
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO facts (event_id, correlation_id, message_id, record_type, event_type, stage, outcome, attempt, event_time,
                               log_topic, log_partition, log_offset, broker_time, raw)
            VALUES ($eventId, $correlationId, $messageId, $recordType, $eventType, $stage, $outcome, $attempt, $eventTime,
                    $topic, $partition, $offset, NULL, $raw)
            """;
        foreach (var projected in facts)
        {
            var fact = projected.Fact;
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$eventId", fact.EventId);
            insert.Parameters.AddWithValue("$correlationId", fact.CorrelationId);
            insert.Parameters.AddWithValue("$messageId", (object?)fact.MessageId ?? DBNull.Value);
            insert.Parameters.AddWithValue("$recordType", WireNames.Of(fact.RecordType));
            insert.Parameters.AddWithValue("$eventType", (object?)fact.EventType ?? DBNull.Value);
            insert.Parameters.AddWithValue("$stage", fact.Stage);
            insert.Parameters.AddWithValue("$outcome", WireNames.Of(fact.Outcome));
            insert.Parameters.AddWithValue("$attempt", fact.Attempt);
            insert.Parameters.AddWithValue("$eventTime", fact.Timestamp.UtcTicks);
            insert.Parameters.AddWithValue("$topic", projected.Position.Topic);
            insert.Parameters.AddWithValue("$partition", projected.Position.Partition);
            insert.Parameters.AddWithValue("$offset", projected.Position.Offset);
            insert.Parameters.AddWithValue("$raw", projected.Raw.ToArray());
            insert.ExecuteNonQuery();
        }
        using var counts = connection.CreateCommand();
        counts.CommandText = """
            DELETE FROM fact_counts;
            INSERT INTO fact_counts (record_type, event_type, stage, outcome, facts)
            SELECT record_type, event_type, stage, outcome, COUNT(*) FROM facts GROUP BY record_type, event_type, stage, outcome;
            """;
        counts.ExecuteNonQuery();
        transaction.Commit();
    }

    private List<string> Columns(string table)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
            names.Add(reader.GetString(0));
        return names;
    }

    private long Count(string table, string where = "1 = 1")
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table} WHERE {where}";
        return (long)command.ExecuteScalar()!;
    }
}
