using Factline.Storage;

namespace Factline.Projection.DeadLetters;

/// <summary>
/// A rebuild's shadow projector passes on only what the live view has not read: the live projector passed on everything
/// before the live bookmarks when it quarantined it. The shadow may read past them before the hand-over, and it reads a
/// replaced log the live view never read. A record both read is passed on twice, as after any retried batch.
/// </summary>
public sealed class DeadLettersPastLiveView(IBookmarkReader live, IDeadLetterSink sink) : IDeadLetterSink
{
    public void Forward(IReadOnlyList<QuarantineEntry> entries)
    {
        // Called inside the shadow store's transaction, which has no async path; the live store is another store.
        var bookmarks = live.ReadBookmarksAsync().GetAwaiter().GetResult();
        var unread = entries.Where(entry => !ReadByLiveView(entry.Position, bookmarks)).ToList();
        if (unread.Count > 0)
            sink.Forward(unread);
    }

    private static bool ReadByLiveView(LogPosition position, IReadOnlyDictionary<PartitionId, Bookmark> bookmarks) =>
        bookmarks.TryGetValue(new PartitionId(position.Topic, position.Partition), out var bookmark)
        && !bookmark.LogReplaced
        && position.Offset < bookmark.NextOffset;
}
