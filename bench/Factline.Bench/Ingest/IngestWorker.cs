using System.Diagnostics;
using Factline.Bench.Stores;
using Factline.Bench.Workers;
using Factline.Storage.Sqlite;

namespace Factline.Bench.Ingest;

/// <summary>Runs one <see cref="IngestRequest"/> inside a worker process.</summary>
internal static class IngestWorker
{
    public const string BareConsumer = "consumer";

    /// <summary>A rebuild's SQLite shadow store: replayed with its eventId index only, query indexes built once caught up.</summary>
    public const string SqliteRebuild = "sqlite-rebuild";

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

        if (request.Target == SqliteRebuild)
            return await RebuildSqliteAsync(request, cancellationToken);

        var store = BenchStores.Named(request.Target);
        var slot = request.Slot ?? throw new ArgumentException("A store needs a slot.", nameof(request));
        var projection = store.Open(slot);
        IngestMeasurement measured;
        try
        {
            var serverCpuBefore = store.ServerCpu(slot);
            var time = await ProjectorRun.CatchUpAsync(source, projection, cancellationToken);
            measured = Measure(request, time, store.BytesUsed(slot), storeBytesClosed: null) with
            {
                ServerCpuSeconds = (store.ServerCpu(slot) - serverCpuBefore)?.TotalSeconds,
            };
            GC.KeepAlive(projection);
        }
        finally
        {
            await projection.DisposeAsync();
        }
        return measured with { StoreBytesClosed = store.BytesUsed(slot) };
    }

    /// <summary>What a rebuild does with a SQLite store: a shadow beside the live file, caught up, then prepared for queries.</summary>
    private static async Task<IngestMeasurement> RebuildSqliteAsync(IngestRequest request, CancellationToken cancellationToken)
    {
        var slot = request.Slot ?? throw new ArgumentException("A rebuild needs a slot.", nameof(request));
        var shadows = new SqliteShadowStores(new SqliteStoreOptions { DataDirectory = slot.Directory }, TimeProvider.System);
        var shadow = await shadows.CreateAsync(cancellationToken);
        IngestMeasurement measured;
        try
        {
            var prepare = TimeSpan.Zero;
            var time = await ProjectorRun.CatchUpAsync(request.Source, shadow, cancellationToken, async () =>
            {
                var started = Stopwatch.GetTimestamp();
                await shadows.PrepareAsync(shadow, cancellationToken);
                prepare = Stopwatch.GetElapsedTime(started);
            });
            measured = Measure(request, time, BenchStores.BytesIn(slot.Directory), storeBytesClosed: null) with { PrepareSeconds = prepare.TotalSeconds };
        }
        finally
        {
            await shadow.DisposeAsync();
        }
        return measured with { StoreBytesClosed = BenchStores.BytesIn(slot.Directory) };
    }

    private static IngestMeasurement Measure(IngestRequest request, WorkTime time, long? storeBytesOpen, long? storeBytesClosed)
    {
        var memory = ProcessMemory.ReadAfterFullCollection();
        return new IngestMeasurement(request.Target, request.Source.Facts, time.Elapsed.TotalSeconds, time.Cpu.TotalSeconds,
            memory.PeakResidentBytes, memory.ResidentBytes, GC.GetTotalMemory(forceFullCollection: false), storeBytesOpen, storeBytesClosed,
            time.GcPauses.TotalSeconds, time.Collections, time.AllocatedBytes, BrokerCpuSeconds: time.ParentCpu?.TotalSeconds);
    }
}
