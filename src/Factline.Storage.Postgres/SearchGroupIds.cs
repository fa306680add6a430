using System.Collections.Concurrent;
using Factline.Envelope;
using Factline.Storage.Queries;
using Factline.Storage.Sql;
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

    /// <summary>
    /// The id of each fact's group, in the facts' order, adding the rows of groups not seen before; run it outside the
    /// batch's transaction. One lookup per fact when every group is known, as it is after a projection's first batches.
    /// </summary>
    public async Task<int[]> IdsOfAsync(NpgsqlConnection connection, IReadOnlyList<ProjectedFact> facts, CancellationToken cancellationToken)
    {
        var keys = new Key[facts.Count];
        var ids = new int[facts.Count];
        List<Key>? missing = null;
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = Key.Of(facts[i].Fact);
            if (!_ids.TryGetValue(keys[i], out ids[i]))
                (missing ??= []).Add(keys[i]);
        }
        if (missing is null)
            return ids;
        var added = missing.Distinct().ToList();
        await using (var add = new NpgsqlCommand(AddSql, connection))
        {
            add.Parameters.Add(new NpgsqlParameter { Value = added.Select(key => key.EventType).ToArray() });
            add.Parameters.Add(new NpgsqlParameter { Value = added.Select(key => key.Stage).ToArray() });
            add.Parameters.Add(new NpgsqlParameter { Value = added.Select(key => key.Outcome).ToArray() });
            await add.ExecuteNonQueryAsync(cancellationToken);
        }
        await ReadAllAsync(connection, cancellationToken);
        return Array.ConvertAll(keys, key => _ids[key]);
    }

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
        FactQuerySql.SearchGroupFields.All(field => filters.Any(filter => filter.Field == field && filter.Values.Count == 1));

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
        public bool IsSelectedBy(FactFilter filter) => FactGroup.Selects(filter, filter.Field switch
        {
            FactField.EventType => EventType,
            FactField.Stage => Stage,
            FactField.Outcome => Outcome,
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter.Field, "not a search group field"),
        }, PostgresText.Storable);
    }
}
