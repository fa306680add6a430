using System.Data.Common;

namespace Factline.Storage.Sql;

/// <summary>The bookmarks table: its listing, claims, fenced saves, and rows back to bookmarks.</summary>
public static class BookmarkRows
{
    private const string Columns = "log_topic, log_partition, next_offset, observed_through, lost_records, owner_generation, unbroken_from, last_read_offset, last_read_hash, misplaced_facts, first_read_offset, log_replaced";

    public const string Select = $"SELECT {Columns} FROM bookmarks";

    /// <summary>Takes one partition (@p0 topic, @p1 partition): its generation moves on by one; returns the claimed row.</summary>
    public const string Claim = $"""
        INSERT INTO bookmarks ({Columns}) VALUES (@p0, @p1, 0, NULL, 0, 1, 0, NULL, NULL, 0, NULL, FALSE)
        ON CONFLICT (log_topic, log_partition) DO UPDATE SET owner_generation = bookmarks.owner_generation + 1
        RETURNING {Columns}
        """;

    /// <summary>
    /// Moves one bookmark (@p0..@p11 in <see cref="Values"/> order) only if the stored row still carries the
    /// batch's generation: a statement that changes no row means a newer owner has claimed the partition.
    /// </summary>
    public const string Save = $"""
        INSERT INTO bookmarks ({Columns}) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11)
        ON CONFLICT (log_topic, log_partition) DO UPDATE
        SET next_offset = excluded.next_offset, observed_through = excluded.observed_through, lost_records = excluded.lost_records,
            unbroken_from = excluded.unbroken_from, last_read_offset = excluded.last_read_offset, last_read_hash = excluded.last_read_hash,
            misplaced_facts = excluded.misplaced_facts, first_read_offset = excluded.first_read_offset,
            log_replaced = excluded.log_replaced
        WHERE bookmarks.owner_generation = excluded.owner_generation
        """;

    /// <summary>How many parameters <see cref="Save"/> takes.</summary>
    public const int SaveParameterCount = 12;

    /// <summary>The parameter values of <see cref="Save"/> for <paramref name="bookmark"/>.</summary>
    public static object?[] Values(Bookmark bookmark) =>
    [
        bookmark.Partition.Topic, bookmark.Partition.Partition, bookmark.NextOffset,
        bookmark.ObservedThrough?.UtcTicks, bookmark.LostRecords, bookmark.OwnerGeneration, bookmark.UnbrokenFrom,
        bookmark.LastRead?.Offset, bookmark.LastRead?.Hash, bookmark.MisplacedFacts, bookmark.FirstReadOffset, bookmark.LogReplaced,
    ];

    public static Bookmark Read(DbDataReader row)
    {
        var partition = new PartitionId(row.GetString(0), row.GetInt32(1));
        DateTimeOffset? observedThrough = row.IsDBNull(3) ? null : new DateTimeOffset(row.GetInt64(3), TimeSpan.Zero);
        RecordFingerprint? lastRead = row.IsDBNull(7) ? null : new RecordFingerprint(row.GetInt64(7), row.GetInt64(8));
        return new Bookmark(partition, row.GetInt64(2), observedThrough, row.GetInt64(4), row.GetInt64(5), row.GetInt64(6), lastRead, row.GetInt64(9),
            row.IsDBNull(10) ? null : row.GetInt64(10), row.GetBoolean(11));
    }
}
