using System.Collections.Concurrent;
using Factline.Envelope;
using Factline.Storage.Queries;
using Npgsql;

namespace Factline.Storage.Postgres;

/// <summary>
/// The ids of one schema's search_groups rows, one per (eventType, stage, outcome) as the facts table holds them, which
/// the search index is built on: the writer gives each fact its group's id, a search for one group selects by it.
/// Ids never change, so they are read once and kept. A combination not seen before gets its row in a statement of its
/// own, committed before the batch that needs it: the kept ids are committed ones, the writers of every instance agree
/// on them, and a group a reader cannot find holds no fact yet. A row whose batch then fails names no fact.
/// </summary>
internal sealed class SearchGroupIds(NpgsqlDataSource dataSource)
{
    private const string AddSql = """
        INSERT INTO search_groups (event_type, stage, outcome)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
        ON CONFLICT DO NOTHING
        """;

    private const string ReadSql = "SELECT id, event_type, stage, outcome FROM search_groups";

    private readonly ConcurrentDictionary<Key, int> _ids = new();

    /// <summary>Gives every fact's group an id, adding the rows of new groups; run it outside the batch's transaction.</summary>
    public async Task EnsureAsync(NpgsqlConnection connection, IEnumerable<ProjectedFact> facts, CancellationToken cancellationToken)
    {
        var missing = facts.Select(fact => Key.Of(fact.Fact)).Where(key => !_ids.ContainsKey(key)).Distinct().ToList();
        if (missing.Count == 0)
            return;
        await using (var add = new NpgsqlCommand(AddSql, connection))
        {
            add.Parameters.Add(new NpgsqlParameter { Value = missing.Select(key => key.EventType).ToArray() });
            add.Parameters.Add(new NpgsqlParameter { Value = missing.Select(key => key.Stage).ToArray() });
            add.Parameters.Add(new NpgsqlParameter { Value = missing.Select(key => key.Outcome).ToArray() });
            await add.ExecuteNonQueryAsync(cancellationToken);
        }
        await ReadAllAsync(connection, cancellationToken);
    }

    /// <summary>The id of the fact's group, which <see cref="EnsureAsync"/> has given it.</summary>
    public int IdOf(Fact fact) => _ids[Key.Of(fact)];

    /// <summary>
    /// The ids of the groups that equality filters on eventType, stage and outcome select. Filters that give each of the
    /// three one value name at most one group, answered from the kept ids when known; any other filters are matched
    /// against the table as it is now, since a group they select may have been added since.
    /// </summary>
    public async Task<IReadOnlyList<int>> SelectedByAsync(IReadOnlyList<FactFilter> filters, CancellationToken cancellationToken)
    {
        var selected = Selected(filters);
        if (selected.Count == 1 && NamesOneGroup(filters))
            return selected;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
            await ReadAllAsync(connection, cancellationToken);
        return Selected(filters);
    }

    private List<int> Selected(IReadOnlyList<FactFilter> filters) =>
        [.. _ids.Where(group => filters.All(filter => group.Key.IsSelectedBy(filter))).Select(group => group.Value).Order()];

    private static bool NamesOneGroup(IReadOnlyList<FactFilter> filters) =>
        new[] { FactField.EventType, FactField.Stage, FactField.Outcome }.All(field => filters.Any(filter => filter.Field == field && filter.Values.Count == 1));

    private async Task ReadAllAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlCommand(ReadSql, connection);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            _ids[new Key(reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetString(3))] = reader.GetInt32(0);
    }

    /// <summary>A group as search_groups holds it (see <see cref="PostgresText"/>).</summary>
    private readonly record struct Key(string? EventType, string Stage, string Outcome)
    {
        public static Key Of(Fact fact) => new(
            fact.EventType is { } eventType ? PostgresText.Storable(eventType) : null,
            PostgresText.Storable(fact.Stage),
            WireNames.Of(fact.Outcome));

        /// <summary>Whether an equality filter on eventType, stage or outcome selects this group, as the texts' own condition would.</summary>
        public bool IsSelectedBy(FactFilter filter)
        {
            var value = filter.Field switch
            {
                FactField.EventType => EventType,
                FactField.Stage => Stage,
                FactField.Outcome => Outcome,
                _ => throw new ArgumentOutOfRangeException(nameof(filter), filter.Field, "not a search group field"),
            };
            return value is not null && filter.Values.Any(wanted => string.Equals(PostgresText.Storable(wanted.Text!), value, StringComparison.Ordinal));
        }
    }
}
