using System.Text;
using static System.FormattableString;
using Factline.Storage.Queries;

namespace Factline.Storage.Sql;

/// <summary>
/// A <see cref="FactQuery"/> as SQL: the page's SELECT and, when asked for, the count of all matches. The
/// count sums the per-group counts (fact_counts) when the filters select whole <see cref="FactGroup"/>s, so
/// a broad search costs a few dozen rows instead of one index entry per match; otherwise it counts the matches.
/// Both read the fact_rows view: the facts table with every <see cref="FactField"/> as a column, some of them
/// taken from the raw value only when a query asks for them. The page's statements are built when asked for: a store
/// reads the page one way or the other (<see cref="Select"/> or <see cref="ByKeyOnly"/>).
/// </summary>
public sealed class FactQuerySql
{
    private readonly FactQuery _query;
    private readonly IReadOnlyList<int>? _searchGroups;
    private (string Sql, SqlParameters Parameters)? _select;

    private FactQuerySql(FactQuery query, IReadOnlyList<int>? searchGroups)
    {
        _query = query;
        _searchGroups = searchGroups;
        if (query.IncludeTotal)
        {
            Count = FactGroup.CountsAnswer(query.Filters)
                ? $"SELECT CAST(COALESCE(SUM(facts), 0) AS BIGINT) FROM fact_counts{Where(query.Filters, null, query.Sort, searchGroups: null, CountParameters)}"
                : $"SELECT COUNT(*) FROM fact_rows{Where(query.Filters, null, query.Sort, searchGroups, CountParameters)}";
        }
    }

    /// <summary>The page in the query's order, tie-break by log position included.</summary>
    public string Select => (_select ??= PageSelect()).Sql;

    public SqlParameters SelectParameters => (_select ??= PageSelect()).Parameters;

    /// <summary>The count of all matches; null when the query does not ask for it.</summary>
    public string? Count { get; }

    public SqlParameters CountParameters { get; } = new();

    /// <summary>
    /// For a store whose indexes deliver a sort key's order but not the log-position tie-break (SQLite's, ~16 bytes per
    /// fact smaller for it): the page ordered by the sort key alone, for the store to order ties by log position itself
    /// (<see cref="LogPositionOrder"/>). Null for pages by offset and orders by text, which it leaves to <see cref="Select"/>.
    /// </summary>
    public KeyOrderedSelect? ByKeyOnly =>
        (_query.After is not null || _query.Offset == 0) && _query.Limit > 0 && FactFields.KindOf(_query.Sort.Field) != FieldKind.Text
            ? new KeyOrderedSelect(_query, _searchGroups)
            : null;

    /// <summary>A page's rows in the order of the sort key alone (see <see cref="ByKeyOnly"/>).</summary>
    public sealed class KeyOrderedSelect
    {
        private readonly FactQuery _query;
        private readonly IReadOnlyList<int>? _searchGroups;

        internal KeyOrderedSelect(FactQuery query, IReadOnlyList<int>? searchGroups)
        {
            _query = query;
            _searchGroups = searchGroups;
            var parameters = new SqlParameters();
            Select = $"SELECT {FactColumns.Stored}, {Key} FROM fact_rows{Where(query.Filters, query.After, query.Sort, searchGroups, parameters)}" +
                $" ORDER BY {Key}{Direction} LIMIT {parameters.Add(query.Limit + 1)}";
            Parameters = parameters;
        }

        /// <summary>
        /// The matches ordered by the sort key only, one row more than the page, with the key (an integer: ticks for
        /// instants) after <see cref="FactColumns.Stored"/>. The row past the page shows whether the page holds every
        /// row of its last key; when it does not, <see cref="TieGroup"/> reads that key's rows in order.
        /// </summary>
        public string Select { get; }

        public SqlParameters Parameters { get; }

        /// <summary>The first <paramref name="count"/> matches whose sort key is <paramref name="key"/>, in log-position order (reversed when descending).</summary>
        public (string Select, SqlParameters Parameters) TieGroup(long key, int count)
        {
            var parameters = new SqlParameters();
            var where = Where(_query.Filters, _query.After, _query.Sort, _searchGroups, parameters);
            var select = $"SELECT {FactColumns.Stored} FROM fact_rows{where}{(where.Length == 0 ? " WHERE " : " AND ")}{Key} = {parameters.Add(key)}" +
                $" ORDER BY {string.Join(", ", FactColumns.Position.Split(", ").Select(column => column + Direction))} LIMIT {parameters.Add(count)}";
            return (select, parameters);
        }

        private string Key => FactColumns.SortExpression(_query.Sort.Field);

        private string Direction => _query.Sort.Descending ? " DESC" : "";
    }

    /// <summary>The fields whose values make a search group (one id per combination in a store that indexes them).</summary>
    public static IReadOnlyList<FactField> SearchGroupFields { get; } = [FactField.EventType, FactField.Stage, FactField.Outcome];

    /// <param name="searchGroups">
    /// For a store whose search index holds facts.search_group (one id per eventType, stage and outcome): the ids of the
    /// groups that the query's <see cref="SearchGroupFilters"/> select, which then select the facts instead of the texts.
    /// </param>
    public static FactQuerySql From(FactQuery query, IReadOnlyList<int>? searchGroups = null) => new(query, searchGroups);

    private (string Sql, SqlParameters Parameters) PageSelect()
    {
        var parameters = new SqlParameters();
        var select = new StringBuilder($"SELECT {FactColumns.Stored} FROM fact_rows");
        select.Append(Where(_query.Filters, _query.After, _query.Sort, _searchGroups, parameters));
        var direction = _query.Sort.Descending ? " DESC" : "";
        select.Append($" ORDER BY {FactColumns.SortExpression(_query.Sort.Field)}{direction}");
        foreach (var column in FactColumns.Position.Split(", "))
            select.Append($", {column}{direction}");
        select.Append($" LIMIT {parameters.Add(_query.Limit)}");
        if (_query.After is null && _query.Offset > 0)
            select.Append($" OFFSET {parameters.Add(_query.Offset)}");
        return (select.ToString(), parameters);
    }

    /// <summary>
    /// The equality filters on eventType, stage and outcome, which select whole search groups. A store that indexes the
    /// group id finds the groups they select and passes their ids to <see cref="From"/>; in the SQL text, not as
    /// parameters, so that the planner weighs those groups' own sizes (a rare group is read from its index entries, a
    /// common one by reading facts in time order until the page is full).
    /// </summary>
    public static IReadOnlyList<FactFilter> SearchGroupFilters(IReadOnlyList<FactFilter> filters) =>
        [.. filters.Where(IsOnSearchGroupField)];

    private static string Where(IReadOnlyList<FactFilter> filters, FactCursor? cursor, FactSort sort, IReadOnlyList<int>? searchGroups, SqlParameters parameters)
    {
        var conditions = filters
            .Where(filter => searchGroups is null || !IsOnSearchGroupField(filter))
            .Select(filter => Condition(filter, parameters))
            .ToList();
        if (searchGroups is { Count: > 0 } ids)
            conditions.Add(ids.Count == 1 ? Invariant($"search_group = {ids[0]}") : $"search_group IN ({string.Join(", ", ids.Select(id => Invariant($"{id}")))})");
        else if (searchGroups is not null)
            conditions.Add("FALSE"); // no group is selected: no fact is
        if (cursor is not null)
            conditions.Add(After(cursor, sort, parameters));
        return conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
    }

    private static bool IsOnSearchGroupField(FactFilter filter) =>
        filter.Operator == FilterOperator.Equals && SearchGroupFields.Contains(filter.Field);

    private static string Condition(FactFilter filter, SqlParameters parameters)
    {
        var column = FactColumns.Of(filter.Field);
        if (filter.Operator == FilterOperator.Equals)
        {
            return filter.Values.Count == 1
                ? $"{column} = {parameters.Add(ToSql(filter.Field, filter.Values[0]))}"
                : $"{column} IN ({string.Join(", ", filter.Values.Select(v => parameters.Add(ToSql(filter.Field, v))))})";
        }
        var op = filter.Operator switch
        {
            FilterOperator.GreaterThan => ">",
            FilterOperator.GreaterThanOrEqual => ">=",
            FilterOperator.LessThan => "<",
            FilterOperator.LessThanOrEqual => "<=",
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter.Operator, "not a filter operator"),
        };
        return $"{column} {op} {parameters.Add(ToSql(filter.Field, filter.Values[0]))}";
    }

    /// <summary>Rows strictly after the cursor in the sort order, tie-break included (a row-value comparison).</summary>
    private static string After(FactCursor cursor, FactSort sort, SqlParameters parameters)
    {
        var op = sort.Descending ? "<" : ">";
        return $"({FactColumns.SortExpression(sort.Field)}, {FactColumns.Position}) {op} " +
            $"({parameters.Add(ToSql(sort.Field, cursor.SortValue))}, {parameters.Add(cursor.Topic)}, {parameters.Add(cursor.Partition)}, {parameters.Add(cursor.Offset)})";
    }

    private static object ToSql(FactField field, FilterValue value) =>
        FactFields.KindOf(field) == FieldKind.Text ? value.Text! : value.Number;
}
