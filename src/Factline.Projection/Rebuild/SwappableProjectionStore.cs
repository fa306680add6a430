using Factline.Storage;
using Factline.Storage.Queries;

namespace Factline.Projection.Rebuild;

/// <summary>
/// The live projection store, which a rebuild can replace while queries run. Every call is answered by
/// one whole store, the current one when the call starts; <see cref="Pin"/> extends that to every call of
/// one async flow (an HTTP request), so a request never mixes two stores. A replaced store is handed back
/// only once no call or pin uses it any more, so it can be disposed without failing anyone mid-answer.
/// </summary>
public sealed class SwappableProjectionStore : IProjectionStore
{
    private static readonly AsyncLocal<Generation?> Pinned = new();

    private Generation _current;
    private int _disposed;

    public SwappableProjectionStore(IProjectionStore initial) => _current = new Generation(this, initial);

    /// <summary>The store new calls go to.</summary>
    public IProjectionStore Current => Volatile.Read(ref _current).Store;

    /// <summary>
    /// Makes <paramref name="replacement"/> the live store at once. The returned task completes with the
    /// replaced store when nothing uses it any more; the caller disposes it then.
    /// </summary>
    public async Task<IProjectionStore> ReplaceAsync(IProjectionStore replacement)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        var replaced = Interlocked.Exchange(ref _current, new Generation(this, replacement));
        replaced.Release();
        await replaced.Idle;
        return replaced.Store;
    }

    /// <summary>
    /// Keeps every call made in the caller's async flow on the store that is current now, until the
    /// result is disposed. Calls made outside the flow (the projector, other requests) are not affected.
    /// </summary>
    public IDisposable Pin()
    {
        var generation = Acquire();
        var outer = Pinned.Value;
        Pinned.Value = generation;
        return new PinScope(generation, outer);
    }

    public async Task<ApplyResult> ApplyAsync(ProjectionBatch batch, CancellationToken cancellationToken = default)
    {
        using var use = UseCurrent();
        return await use.Store.ApplyAsync(batch, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<PartitionId, Bookmark>> ClaimAsync(IReadOnlyCollection<PartitionId> partitions, CancellationToken cancellationToken = default)
    {
        using var use = UseCurrent();
        return await use.Store.ClaimAsync(partitions, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<PartitionId, Bookmark>> ReadBookmarksAsync(CancellationToken cancellationToken = default)
    {
        using var use = UseCurrent();
        return await use.Store.ReadBookmarksAsync(cancellationToken);
    }

    public async Task<StoredFact?> FindAsync(string eventId, CancellationToken cancellationToken = default)
    {
        using var use = UseCurrent();
        return await use.Store.FindAsync(eventId, cancellationToken);
    }

    public async Task<FactPage> QueryAsync(FactQuery query, CancellationToken cancellationToken = default)
    {
        using var use = UseCurrent();
        return await use.Store.QueryAsync(query, cancellationToken);
    }

    public async Task<QuarantinePage> QueryQuarantineAsync(QuarantineQuery query, CancellationToken cancellationToken = default)
    {
        using var use = UseCurrent();
        return await use.Store.QueryQuarantineAsync(query, cancellationToken);
    }

    public async Task<ProjectionCounters> ReadCountersAsync(CancellationToken cancellationToken = default)
    {
        using var use = UseCurrent();
        return await use.Store.ReadCountersAsync(cancellationToken);
    }

    /// <summary>Disposes the current store. Replaced stores belong to whoever replaced them.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
            await Volatile.Read(ref _current).Store.DisposeAsync();
    }

    /// <summary>
    /// The store for one call, held until the call ends: the pinned one inside a pin, otherwise the current
    /// one. A flow that outlived its pin (a task it started) falls back to the current store once the pinned one is let go.
    /// </summary>
    private Use UseCurrent() =>
        new(Pinned.Value is { } pinned && pinned.Owner == this && pinned.TryAcquire() ? pinned : Acquire());

    private Generation Acquire()
    {
        while (true)
        {
            // A generation replaced between the read and the acquire refuses; the next read sees its successor.
            var generation = Volatile.Read(ref _current);
            if (generation.TryAcquire())
                return generation;
        }
    }

    /// <summary>One store while it is (or was) live, and how many calls use it; the holder's own reference counts as one.</summary>
    private sealed class Generation(SwappableProjectionStore owner, IProjectionStore store)
    {
        private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _references = 1;

        public SwappableProjectionStore Owner => owner;
        public IProjectionStore Store => store;
        public Task Idle => _idle.Task;

        public bool TryAcquire()
        {
            var references = Volatile.Read(ref _references);
            while (references > 0)
            {
                var seen = Interlocked.CompareExchange(ref _references, references + 1, references);
                if (seen == references)
                    return true;
                references = seen;
            }
            return false;
        }

        public void Release()
        {
            if (Interlocked.Decrement(ref _references) == 0)
                _idle.TrySetResult();
        }
    }

    private readonly struct Use(Generation generation) : IDisposable
    {
        public IProjectionStore Store => generation.Store;

        public void Dispose() => generation.Release();
    }

    private sealed class PinScope(Generation generation, Generation? outer) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
                return;
            Pinned.Value = outer;
            generation.Release();
        }
    }
}
