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
    /// Adds the batch's facts and quarantined records and moves its bookmarks, in one transaction.
    /// A fact whose eventId is already stored is a duplicate when its content is identical, and a
    /// conflict (quarantined, naming both positions) when it differs; the first in log order is kept.
    /// </summary>
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
