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
    public static FactQuerySql From(FactQuery query)
    {
        var countParameters = new SqlParameters();
        var filters = Where(query.Filters, cursor: null, query.Sort, countParameters);
        var count = !query.IncludeTotal ? null
            : FactGroup.CountsAnswer(query.Filters) ? $"SELECT CAST(COALESCE(SUM(facts), 0) AS BIGINT) FROM fact_counts{filters}"
            : $"SELECT COUNT(*) FROM fact_rows{filters}";

        var selectParameters = new SqlParameters();
        var select = new StringBuilder($"SELECT {FactColumns.Stored} FROM fact_rows");
        select.Append(Where(query.Filters, query.After, query.Sort, selectParameters));
        var direction = query.Sort.Descending ? " DESC" : "";
        select.Append($" ORDER BY {FactColumns.SortExpression(query.Sort.Field)}{direction}");
        foreach (var column in FactColumns.Position.Split(", "))
            select.Append($", {column}{direction}");
        select.Append($" LIMIT {selectParameters.Add(query.Limit)}");
        if (query.After is null && query.Offset > 0)
            select.Append($" OFFSET {selectParameters.Add(query.Offset)}");
        return new FactQuerySql(select.ToString(), selectParameters, count, countParameters);
    }

    private static string Where(IReadOnlyList<FactFilter> filters, FactCursor? cursor, FactSort sort, SqlParameters parameters)
    {
        var conditions = filters.Select(filter => Condition(filter, parameters)).ToList();
        if (cursor is not null)
            conditions.Add(After(cursor, sort, parameters));
        return conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
    }

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
