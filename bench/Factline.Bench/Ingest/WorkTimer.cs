using System.Diagnostics;
using Factline.Bench.Workers;

namespace Factline.Bench.Ingest;

/// <summary>
/// Wall-clock time and the CPU time the whole process used meanwhile (all its threads). On a machine
/// shared with other work the wall clock stretches; the CPU time per fact hardly does. The garbage
/// collector's pauses (every thread stopped) are part of both.
/// </summary>
/// <param name="ParentCpu">
/// The CPU time of the process that started this one, over the same time; null when it cannot be read. In an ingest worker
/// that is the bench's coordinator, which hosts the dev broker and otherwise waits for the worker: the broker's share.
/// </param>
public readonly record struct WorkTime(TimeSpan Elapsed, TimeSpan Cpu, TimeSpan GcPauses, int Collections, long AllocatedBytes, TimeSpan? ParentCpu);

internal readonly struct WorkTimer
{
    private readonly long _startedAt;
    private readonly TimeSpan _cpuAtStart;
    private readonly TimeSpan _gcPausesAtStart;
    private readonly int _collectionsAtStart;
    private readonly long _allocatedAtStart;
    private readonly TimeSpan? _parentCpuAtStart;

    private WorkTimer(long startedAt, TimeSpan cpuAtStart, TimeSpan gcPausesAtStart, int collectionsAtStart, long allocatedAtStart, TimeSpan? parentCpuAtStart)
    {
        _allocatedAtStart = allocatedAtStart;
        _parentCpuAtStart = parentCpuAtStart;
        _startedAt = startedAt;
        _cpuAtStart = cpuAtStart;
        _gcPausesAtStart = gcPausesAtStart;
        _collectionsAtStart = collectionsAtStart;
    }

    public static WorkTimer Start() =>
        new(Stopwatch.GetTimestamp(), ProcessCpu(), GC.GetTotalPauseDuration(), GC.CollectionCount(0), AllocatedBytes(), ParentCpu());

    /// <summary>Collections counts those of every generation: each one collects generation 0 as well.</summary>
    public WorkTime Stop() => new(Stopwatch.GetElapsedTime(_startedAt), ProcessCpu() - _cpuAtStart,
        GC.GetTotalPauseDuration() - _gcPausesAtStart, GC.CollectionCount(0) - _collectionsAtStart, AllocatedBytes() - _allocatedAtStart,
        ParentCpu() - _parentCpuAtStart);

    /// <summary>
    /// Every thread's allocations, those still in its allocation buffer included. The quick, imprecise count lags behind
    /// threads that allocate between collections: a query round once read 0 bytes per call across 157 collections.
    /// </summary>
    private static long AllocatedBytes() => GC.GetTotalAllocatedBytes(precise: true);

    private static TimeSpan? ParentCpu() =>
        ProcessStat.Read(Environment.ProcessId) is { } self && ProcessStat.Read(self.ParentId) is { } parent ? parent.OwnCpu : null;

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
