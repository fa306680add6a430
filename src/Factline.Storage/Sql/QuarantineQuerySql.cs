using Factline.Storage.Queries;

namespace Factline.Storage.Sql;

/// <summary>A <see cref="QuarantineQuery"/> as SQL: the page's SELECT and the COUNT of all matches.</summary>
public sealed record QuarantineQuerySql(string Select, SqlParameters SelectParameters, string Count, SqlParameters CountParameters)
{
    /// <summary>Checks the query (an <see cref="ArgumentException"/> when malformed) and builds its statements.</summary>
    public static QuarantineQuerySql From(QuarantineQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset, nameof(query.Offset));
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit, nameof(query.Limit));
        var selectParameters = new SqlParameters();
        var select = QuarantineRows.Select(query, selectParameters);
        var countParameters = new SqlParameters();
        var count = "SELECT COUNT(*) FROM quarantine" + QuarantineRows.Where(query, countParameters);
        return new QuarantineQuerySql(select, selectParameters, count, countParameters);
    }
}
