using Factline.Storage.Queries;

namespace Factline.Storage;

/// <summary>How far a store has read the log.</summary>
public interface IBookmarkReader
{
    /// <summary>The bookmark of every partition this store has seen.</summary>
    Task<IReadOnlyDictionary<PartitionId, Bookmark>> ReadBookmarksAsync(CancellationToken cancellationToken = default);
}

/// <summary>The write side: what the projector needs. Bookmarks and rows change together or not at all.</summary>
public interface IProjectionWriter : IBookmarkReader
{
    /// <summary>
    /// Makes the caller the writer of <paramref name="partitions"/>: moves each one's
    /// <see cref="Bookmark.OwnerGeneration"/> on by one, in one transaction, and returns their bookmarks
    /// (offset 0 for a partition never written). From then on, batches of any earlier owner are refused.
    /// </summary>
    Task<IReadOnlyDictionary<PartitionId, Bookmark>> ClaimAsync(IReadOnlyCollection<PartitionId> partitions, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds the batch's facts and quarantined records and moves its bookmarks, in one transaction.
    /// A fact whose eventId is already stored is a duplicate when its content is identical, and a
    /// conflict (quarantined, naming both positions) when it differs; the first in log order is kept.
    /// </summary>
    /// <exception cref="StaleOwnerException">
    /// A bookmark of the batch carries an older <see cref="Bookmark.OwnerGeneration"/> than the store holds:
    /// another writer has claimed that partition since. Nothing of the batch is applied.
    /// </exception>
    /// <exception cref="ProjectionReplacedException">
    /// A shared store moved to a rebuilt view (promoted by another instance) since the writer's claims. Nothing of the batch is applied.
    /// </exception>
    Task<ApplyResult> ApplyAsync(ProjectionBatch batch, CancellationToken cancellationToken = default);
}

/// <summary>The read side: what queries need.</summary>
public interface IFactReader : IBookmarkReader
{
    Task<StoredFact?> FindAsync(string eventId, CancellationToken cancellationToken = default);
    Task<FactPage> QueryAsync(FactQuery query, CancellationToken cancellationToken = default);
    Task<QuarantinePage> QueryQuarantineAsync(QuarantineQuery query, CancellationToken cancellationToken = default);
    Task<ProjectionCounters> ReadCountersAsync(CancellationToken cancellationToken = default);
}

/// <summary>A disposable, rebuildable view of the log. Never the source of truth.</summary>
public interface IProjectionStore : IProjectionWriter, IFactReader, IAsyncDisposable;
