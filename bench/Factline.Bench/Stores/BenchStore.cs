using Factline.Storage;

namespace Factline.Bench.Stores;

/// <summary>
/// A projection store as the bench drives it. Adding a store to every scenario is adding one of these
/// to <see cref="BenchStores"/>.
/// </summary>
/// <param name="Name">The name used on the command line and in the results.</param>
/// <param name="Open">Opens the store in a slot, creating it empty when the slot holds none.</param>
/// <param name="BytesUsed">What the store occupies in its slot, files being written included; null when it holds nothing outside the process.</param>
/// <param name="Delete">Removes whatever the store keeps in a slot.</param>
/// <param name="ServerCpu">The CPU time the store's own server has used so far; null for a store that runs in the caller's process.</param>
/// <param name="ServerSettings">The configuration keys that make <c>factline serve</c> use the store in a slot; null when a server cannot (a store that lives in one process).</param>
public sealed record BenchStore(
    string Name,
    Func<StoreSlot, IProjectionStore> Open,
    Func<StoreSlot, long?> BytesUsed,
    Action<StoreSlot> Delete,
    Func<StoreSlot, TimeSpan?> ServerCpu,
    Func<StoreSlot, IReadOnlyDictionary<string, string>>? ServerSettings)
{
    /// <summary>Whether the store outlives the process that filled it, so a later worker can query it.</summary>
    public bool IsPersistent => ServerSettings is not null;
}
