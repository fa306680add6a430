using System.Data.Common;

namespace Factline.Storage.Sql;

/// <summary>The bookmarks table: its listing, and rows back to bookmarks.</summary>
public static class BookmarkRows
{
    public const string Select = "SELECT log_topic, log_partition, next_offset, observed_through, lost_records FROM bookmarks";

    public static Bookmark Read(DbDataReader row)
    {
        var partition = new PartitionId(row.GetString(0), row.GetInt32(1));
        DateTimeOffset? observedThrough = row.IsDBNull(3) ? null : new DateTimeOffset(row.GetInt64(3), TimeSpan.Zero);
        return new Bookmark(partition, row.GetInt64(2), observedThrough, row.GetInt64(4));
    }
}
