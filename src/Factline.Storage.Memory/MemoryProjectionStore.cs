using Factline.Storage.Queries;

namespace Factline.Storage.Memory;

/// <summary>
/// A projection store held in process memory: for tests, demos and as the speed baseline. One writer
/// and any number of concurrent readers; a batch becomes visible to readers all at once.
/// </summary>
public sealed class MemoryProjectionStore : IProjectionStore
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly FactTable _facts = new();
    private readonly QuarantineTable _quarantine = new();
    private readonly Dictionary<PartitionId, Bookmark> _bookmarks = [];
    private readonly RunningCounters _counters = new();
    private volatile bool _disposed;

    public Task<ApplyResult> ApplyAsync(ProjectionBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();

        // Readers keep reading while the batch is planned; they wait only for the short commit.
        _lock.EnterUpgradeableReadLock();
        try
        {
            RefuseStaleOwner(batch.Bookmarks);
            var plan = BatchPlan.Create(batch, _facts, _quarantine, cancellationToken);
            if (plan.Quarantine.Count > 0)
                batch.BeforeCommit?.Invoke(plan.Quarantine);
            _lock.EnterWriteLock();
            try
            {
                Commit(plan);
            }
            finally
            {
                _lock.ExitWriteLock();
            }
            return Task.FromResult(plan.Result);
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    public Task<IReadOnlyDictionary<PartitionId, Bookmark>> ClaimAsync(IReadOnlyCollection<PartitionId> partitions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        _lock.EnterWriteLock();
        try
        {
            var claimed = new Dictionary<PartitionId, Bookmark>(partitions.Count);
            foreach (var partition in partitions)
            {
                var stored = _bookmarks.GetValueOrDefault(partition, new Bookmark(partition, 0));
                claimed[partition] = _bookmarks[partition] = stored with { OwnerGeneration = stored.OwnerGeneration + 1 };
            }
            return Task.FromResult<IReadOnlyDictionary<PartitionId, Bookmark>>(claimed);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public Task<IReadOnlyDictionary<PartitionId, Bookmark>> ReadBookmarksAsync(CancellationToken cancellationToken = default) =>
        Read<IReadOnlyDictionary<PartitionId, Bookmark>>(() => new Dictionary<PartitionId, Bookmark>(_bookmarks), cancellationToken);

    public Task<StoredFact?> FindAsync(string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        return Read(() => _facts.Find(eventId)?.Read(), cancellationToken);
    }

    public Task<FactPage> QueryAsync(FactQuery query, CancellationToken cancellationToken = default)
    {
        FactQueryRules.EnsureValid(query);
        return Read(() => FactSearch.Run(_facts, query), cancellationToken);
    }

    public Task<QuarantinePage> QueryQuarantineAsync(QuarantineQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Read(() => _quarantine.Query(query), cancellationToken);
    }

    public Task<ProjectionCounters> ReadCountersAsync(CancellationToken cancellationToken = default) =>
        Read(_counters.Snapshot, cancellationToken);

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        return ValueTask.CompletedTask;
    }

    /// <exception cref="StaleOwnerException">A bookmark's partition was claimed by a newer owner than the batch's.</exception>
    private void RefuseStaleOwner(IReadOnlyList<Bookmark> bookmarks)
    {
        var stale = bookmarks
            .Where(bookmark => _bookmarks.TryGetValue(bookmark.Partition, out var stored) && stored.OwnerGeneration != bookmark.OwnerGeneration)
            .Select(bookmark => bookmark.Partition)
            .ToArray();
        if (stale.Length > 0)
            throw new StaleOwnerException(stale);
    }

    private void Commit(BatchPlan plan)
    {
        foreach (var row in plan.Facts)
            _facts.Add(row);
        foreach (var entry in plan.Quarantine)
            _quarantine.Add(entry);
        foreach (var bookmark in plan.Bookmarks)
            _bookmarks[bookmark.Partition] = bookmark;
        _counters.Add(plan);
    }

    private Task<T> Read<T>(Func<T> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        _lock.EnterReadLock();
        try
        {
            return Task.FromResult(read());
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }
}
