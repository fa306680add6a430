using System.Text;
using Factline.Storage.Queries;

namespace Factline.Storage.Sql;

/// <summary>
/// A <see cref="FactQuery"/> as SQL: the page's SELECT and, when asked for, the count of all matches. The
/// count sums the per-group counts (fact_counts) when the filters select whole <see cref="FactGroup"/>s, so
/// a broad search costs a few dozen rows instead of one index entry per match; otherwise it counts the matches.
/// Both read the fact_rows view: the facts table with every <see cref="FactField"/> as a column, some of them
/// taken from the raw value only when a query asks for them.
/// </summary>
public sealed record FactQuerySql(string Select, SqlParameters SelectParameters, string? Count, SqlParameters CountParameters)
{
    private static readonly FactField[] SearchGroupFields = [FactField.EventType, FactField.Stage, FactField.Outcome];

    /// <param name="searchGroup">
    /// For a store whose search index holds facts.search_group (one id per eventType, stage and outcome): the id of the
    /// group <see cref="PinnedSearchGroup"/> names, which then selects the facts instead of the three texts.
    /// </param>
    public static FactQuerySql From(FactQuery query, int? searchGroup = null)
    {
        string? count = null;
        var countParameters = new SqlParameters();
        if (query.IncludeTotal)
        {
            count = FactGroup.CountsAnswer(query.Filters)
                ? $"SELECT CAST(COALESCE(SUM(facts), 0) AS BIGINT) FROM fact_counts{Where(query.Filters, null, query.Sort, searchGroup: null, countParameters)}"
                : $"SELECT COUNT(*) FROM fact_rows{Where(query.Filters, null, query.Sort, searchGroup, countParameters)}";
        }

        var selectParameters = new SqlParameters();
        var select = new StringBuilder($"SELECT {FactColumns.Stored} FROM fact_rows");
        select.Append(Where(query.Filters, query.After, query.Sort, searchGroup, selectParameters));
        var direction = query.Sort.Descending ? " DESC" : "";
        select.Append($" ORDER BY {FactColumns.SortExpression(query.Sort.Field)}{direction}");
        foreach (var column in FactColumns.Position.Split(", "))
            select.Append($", {column}{direction}");
        select.Append($" LIMIT {selectParameters.Add(query.Limit)}");
        if (query.After is null && query.Offset > 0)
            select.Append($" OFFSET {selectParameters.Add(query.Offset)}");
        return new FactQuerySql(select.ToString(), selectParameters, count, countParameters);
    }

    /// <summary>
    /// The (eventType, stage, outcome) a search asks for, when it gives each exactly one value by one equality filter:
    /// at most one search group holds its facts. A store that indexes the group id looks it up and passes it to
    /// <see cref="From"/>; in the SQL text, not as a parameter, so that the planner weighs that group's own size.
    /// </summary>
    public static (string EventType, string Stage, string Outcome)? PinnedSearchGroup(IReadOnlyList<FactFilter> filters)
    {
        var byGroupField = filters.Where(IsOnSearchGroupField).ToList();
        if (byGroupField.Count != SearchGroupFields.Length || byGroupField.Any(filter => filter.Values.Count != 1)
            || byGroupField.Select(filter => filter.Field).Distinct().Count() != SearchGroupFields.Length)
            return null;
        string ValueOf(FactField field) => byGroupField.Single(filter => filter.Field == field).Values[0].Text!;
        return (ValueOf(FactField.EventType), ValueOf(FactField.Stage), ValueOf(FactField.Outcome));
    }

    private static string Where(IReadOnlyList<FactFilter> filters, FactCursor? cursor, FactSort sort, int? searchGroup, SqlParameters parameters)
    {
        var conditions = filters
            .Where(filter => searchGroup is null || !IsOnSearchGroupField(filter))
            .Select(filter => Condition(filter, parameters))
            .ToList();
        if (searchGroup is { } id)
            conditions.Add(FormattableString.Invariant($"search_group = {id}"));
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
