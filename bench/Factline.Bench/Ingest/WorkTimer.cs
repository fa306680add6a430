using System.Diagnostics;

namespace Factline.Bench.Ingest;

/// <summary>
/// Wall-clock time and the CPU time the whole process used meanwhile (all its threads). On a machine
/// shared with other work the wall clock stretches; the CPU time per fact hardly does.
/// </summary>
public readonly record struct WorkTime(TimeSpan Elapsed, TimeSpan Cpu);

internal readonly struct WorkTimer
{
    private readonly long _startedAt;
    private readonly TimeSpan _cpuAtStart;

    private WorkTimer(long startedAt, TimeSpan cpuAtStart)
    {
        _startedAt = startedAt;
        _cpuAtStart = cpuAtStart;
    }

    public static WorkTimer Start() => new(Stopwatch.GetTimestamp(), ProcessCpu());

    public WorkTime Stop() => new(Stopwatch.GetElapsedTime(_startedAt), ProcessCpu() - _cpuAtStart);

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
