using System.Data.Common;
using System.Text;
using Factline.Storage.Queries;

namespace Factline.Storage.Sql;

/// <summary>The quarantine table: its column list, its filtered listing, and rows back to entries.</summary>
public static class QuarantineRows
{
    public const string Columns =
        "log_topic, log_partition, log_offset, broker_time, record_key, reason, detail, raw, raw_length, event_id, " +
        "kept_topic, kept_partition, kept_offset, kept_broker_time";

    /// <summary>The WHERE clause (possibly empty) for a query's filters, with its parameters.</summary>
    public static string Where(QuarantineQuery query, SqlParameters parameters)
    {
        var conditions = new List<string>();
        if (query.Reasons is { } reasons)
            conditions.Add($"reason IN ({string.Join(", ", reasons.Select(reason => parameters.Add(reason.ToString())))})");
        if (query.Topic is { } topic)
            conditions.Add($"log_topic = {parameters.Add(topic)}");
        if (query.Partition is { } partition)
            conditions.Add($"log_partition = {parameters.Add(partition)}");
        if (query.LogOffset is { } offset)
            conditions.Add($"log_offset = {parameters.Add(offset)}");
        if (query.Key is { } key)
            conditions.Add($"record_key = {parameters.Add(key)}");
        return conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
    }

    public static string Select(QuarantineQuery query, SqlParameters parameters)
    {
        var sql = new StringBuilder($"SELECT {Columns} FROM quarantine");
        sql.Append(Where(query, parameters));
        sql.Append(" ORDER BY log_topic, log_partition, log_offset");
        sql.Append($" LIMIT {parameters.Add(query.Limit)} OFFSET {parameters.Add(query.Offset)}");
        return sql.ToString();
    }

    public static QuarantineEntry Read(DbDataReader row)
    {
        var reasonText = row.GetString(5);
        if (!Enum.TryParse<QuarantineReason>(reasonText, out var reason))
            throw new InvalidDataException($"unknown quarantine reason '{reasonText}'; rebuild the projection");
        return new QuarantineEntry(
            FactRows.ReadPosition(row, 0),
            row.IsDBNull(4) ? null : row.GetString(4),
            reason,
            row.GetString(6),
            row.GetFieldValue<byte[]>(7),
            row.GetInt32(8),
            row.IsDBNull(9) ? null : row.GetString(9),
            row.IsDBNull(10) ? null : FactRows.ReadPosition(row, 10));
    }
}
