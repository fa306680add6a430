using System.Diagnostics;

namespace Factline.Bench.Suite;

/// <summary>One line per step on the console, with the time since the bench started.</summary>
internal static class Progress
{
    private static readonly Stopwatch SinceStart = Stopwatch.StartNew();

    public static void Report(string phase, string message) =>
        Console.WriteLine($"[{SinceStart.Elapsed:mm\\:ss}] {phase,-8} {message}");
}
