using System.Data.Common;
using Factline.Envelope;

namespace Factline.Storage.Sql;

/// <summary>
/// Turns rows of <see cref="FactColumns.Stored"/> back into facts. The fact is decoded from the stored
/// record value, so it is exactly what the projector read, producer offset and payload included.
/// </summary>
public static class FactRows
{
    /// <summary>A row whose raw value the caller has read already (and unpacked, for a store that packs it).</summary>
    public static StoredFact Read(byte[] raw, DbDataReader row)
    {
        var decoded = FactCodec.DecodeShared(raw);
        if (!decoded.IsValid)
            throw new InvalidDataException($"the stored fact at {ReadPosition(row, 1)} no longer decodes ({decoded.Problem}); rebuild the projection");
        return new StoredFact(decoded.Fact, ReadPosition(row, 1));
    }

    /// <summary>Reads topic, partition, offset and broker time (UTC ticks or null) from four columns starting at <paramref name="first"/>.</summary>
    public static LogPosition ReadPosition(DbDataReader row, int first) => new(
        row.GetString(first),
        row.GetInt32(first + 1),
        row.GetInt64(first + 2),
        row.IsDBNull(first + 3) ? null : new DateTimeOffset(row.GetInt64(first + 3), TimeSpan.Zero));
}
