using Factline.Bench.Stores;
using Factline.Bench.Workers;

namespace Factline.Bench.Ingest;

/// <summary>Runs one <see cref="IngestRequest"/> inside a worker process.</summary>
internal static class IngestWorker
{
    public const string BareConsumer = "consumer";

    public static async Task<IngestMeasurement> RunAsync(IngestRequest request, CancellationToken cancellationToken)
    {
        var source = request.Source;
        if (request.Target == BareConsumer)
        {
            var read = PlainConsumer.ReadAll(source, "baseline", static _ => { }, cancellationToken);
            if (read.Records != source.Facts)
                throw new InvalidOperationException($"The bare consumer read {read.Records} records; the topic holds {source.Facts}.");
            return Measure(request, read.Time, storeBytesOpen: null, storeBytesClosed: null);
        }

        var store = BenchStores.Named(request.Target);
        var slot = request.Slot ?? throw new ArgumentException("A store needs a slot.", nameof(request));
        var projection = store.Open(slot);
        IngestMeasurement measured;
        try
        {
            var time = await ProjectorRun.CatchUpAsync(source, projection, cancellationToken);
            measured = Measure(request, time, store.BytesUsed(slot), storeBytesClosed: null);
            GC.KeepAlive(projection);
        }
        finally
        {
            await projection.DisposeAsync();
        }
        return measured with { StoreBytesClosed = store.BytesUsed(slot) };
    }

    private static IngestMeasurement Measure(IngestRequest request, WorkTime time, long? storeBytesOpen, long? storeBytesClosed)
    {
        var memory = ProcessMemory.ReadAfterFullCollection();
        return new IngestMeasurement(request.Target, request.Source.Facts, time.Elapsed.TotalSeconds, time.Cpu.TotalSeconds,
            memory.PeakResidentBytes, memory.ResidentBytes, GC.GetTotalMemory(forceFullCollection: false), storeBytesOpen, storeBytesClosed);
    }
}
