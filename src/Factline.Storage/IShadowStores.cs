namespace Factline.Storage;

/// <summary>
/// What a kind of store provides for a rebuild without downtime: a fresh store beside the live one, a
/// durable switch that makes it the live one, and disposal of a store that is no longer used. A store
/// kind that implements this can be rebuilt while the current view keeps answering.
/// </summary>
public interface IShadowStores
{
    /// <summary>A new, empty store that nothing reads yet.</summary>
    /// <exception cref="RebuildElsewhereException">Another instance sharing the store is rebuilding the projection.</exception>
    Task<IProjectionStore> CreateAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes a shadow whose replay has caught up ready to answer queries: builds whatever the store left
    /// out to replay faster (SQLite: the query indexes). Called while the live view still answers, before
    /// the hand-over; the shadow goes on being written meanwhile.
    /// </summary>
    Task PrepareAsync(IProjectionStore shadow, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes <paramref name="shadow"/> the store that opens from now on, also after a restart. Atomic:
    /// whatever happens, either the replaced store or the whole new one opens next time.
    /// </summary>
    Task PromoteAsync(IProjectionStore shadow, CancellationToken cancellationToken = default);

    /// <summary>Disposes a store nobody uses any more (the replaced one, or a shadow given up) and deletes what it kept.</summary>
    Task DiscardAsync(IProjectionStore store);
}
