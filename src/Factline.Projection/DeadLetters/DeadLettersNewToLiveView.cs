using Factline.Storage;
using Factline.Storage.Queries;

namespace Factline.Projection.DeadLetters;

/// <summary>
/// A rebuild's shadow projector passes on only what the live view has not quarantined: the live projector passed on every
/// entry its store holds when it added it. A record the live view never read (skipped by a start position, or read by
/// the shadow past the live bookmarks), one the shadow judges otherwise (a conflict across partitions settled the other
/// way) and any record of a log replaced under the live view are passed on. A record both quarantine around the
/// hand-over is passed on twice, as after any retried batch.
/// </summary>
public sealed class DeadLettersNewToLiveView(IFactReader live, IDeadLetterSink sink) : IDeadLetterSink
{
    public void Forward(IReadOnlyList<QuarantineEntry> entries)
    {
        // Called inside the shadow store's transaction, which has no async path; the live store is another store.
        var unsent = NewToLiveViewAsync(entries).GetAwaiter().GetResult();
        if (unsent.Count > 0)
            sink.Forward(unsent);
    }

    private async Task<List<QuarantineEntry>> NewToLiveViewAsync(IReadOnlyList<QuarantineEntry> entries)
    {
        var bookmarks = await live.ReadBookmarksAsync();
        var unsent = new List<QuarantineEntry>(entries.Count);
        foreach (var entry in entries)
        {
            var position = entry.Position;
            var replaced = bookmarks.TryGetValue(new PartitionId(position.Topic, position.Partition), out var bookmark) && bookmark.LogReplaced;
            if (replaced || !await QuarantinedByLiveViewAsync(position))
                unsent.Add(entry);
        }
        return unsent;
    }

    private async Task<bool> QuarantinedByLiveViewAsync(LogPosition position)
    {
        var query = new QuarantineQuery { Topic = position.Topic, Partition = position.Partition, LogOffset = position.Offset, Limit = 1 };
        return (await live.QueryQuarantineAsync(query)).Items.Count > 0;
    }
}
