using Factline.Bench.Corpus;
using Factline.Bench.Stores;
using Factline.Bench.Workers;

namespace Factline.Bench.Ingest;

/// <summary>Read the whole topic into one target: the bare consumer (<see cref="IngestWorker.BareConsumer"/>) or a store in a fresh slot.</summary>
public sealed record IngestRequest(TopicSource Source, string Target, StoreSlot? Slot) : WorkerRequest;

/// <summary>One ingest run, measured in its own process.</summary>
/// <param name="CpuSeconds">CPU time of all the process's threads (librdkafka's included) over <paramref name="Seconds"/>.</param>
/// <param name="PeakResidentBytes">The process's peak resident memory over the whole run (VmHWM).</param>
/// <param name="HeldResidentBytes">Resident memory after the run and a full collection, with the store still open: what holding the result costs.</param>
/// <param name="ManagedHeapBytes">The managed heap at that moment.</param>
/// <param name="StoreBytesOpen">The store's files just after the last batch, write-ahead log included; null for stores without files.</param>
/// <param name="StoreBytesClosed">The store's files after it was closed (logs checkpointed and removed).</param>
/// <param name="ServerCpuSeconds">CPU time of the store's own server process over the run (PostgreSQL's); null for stores in the worker's process.</param>
/// <param name="BrokerCpuSeconds">CPU time of the dev broker (the bench's coordinator process) over <paramref name="Seconds"/>; null when it could not be read.</param>
/// <param name="GcPauseSeconds">Time the garbage collector held every thread of the worker still, within <paramref name="Seconds"/>.</param>
/// <param name="Collections">Garbage collections within <paramref name="Seconds"/> (of any generation).</param>
/// <param name="AllocatedBytes">Bytes the worker allocated on the managed heap within <paramref name="Seconds"/>.</param>
/// <param name="PrepareSeconds">For a rebuild: the part of <paramref name="Seconds"/> spent making the caught-up shadow ready for queries (building its deferred indexes).</param>
public sealed record IngestMeasurement(
    string Target,
    long Facts,
    double Seconds,
    double CpuSeconds,
    long PeakResidentBytes,
    long HeldResidentBytes,
    long ManagedHeapBytes,
    long? StoreBytesOpen,
    long? StoreBytesClosed,
    double GcPauseSeconds,
    int Collections,
    long AllocatedBytes,
    double? ServerCpuSeconds = null,
    double? PrepareSeconds = null,
    double? BrokerCpuSeconds = null)
{
    public double FactsPerSecond => Facts / Seconds;
    public double CpuMicrosPerFact => CpuSeconds * 1e6 / Facts;
    public double AllocatedBytesPerFact => (double)AllocatedBytes / Facts;
    public double? ServerCpuMicrosPerFact => ServerCpuSeconds * 1e6 / Facts;
    public double? BrokerCpuMicrosPerFact => BrokerCpuSeconds * 1e6 / Facts;
}
