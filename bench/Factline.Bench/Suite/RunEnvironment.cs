using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;
using Factline.Bench.Report;

namespace Factline.Bench.Suite;

/// <summary>Where and on what the bench ran: the machine, the runtime, the code, and how busy the machine was.</summary>
/// <param name="UncommittedFiles">
/// Files that differ from the commit in the work tree the bench was built from, besides the pages and ledger the bench
/// itself writes (a 10M run just before leaves those behind).
/// </param>
/// <param name="LoadAverage">/proc/loadavg (1, 5 and 15 minutes) when the bench started: other work on the machine shows here.</param>
public sealed record RunEnvironment(
    DateTimeOffset StartedAt,
    int Processors,
    string CpuModel,
    long MemoryBytes,
    string OperatingSystem,
    string Runtime,
    bool ServerGc,
    string Commit,
    int UncommittedFiles,
    string LoadAverage)
{
    public static RunEnvironment Read() => new(
        DateTimeOffset.Now,
        Environment.ProcessorCount,
        FirstValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        MemoryTotal(),
        OsName(),
        RuntimeInformation.FrameworkDescription,
        GCSettings.IsServerGC,
        Git("rev-parse", "HEAD")?.Trim() ?? "unknown",
        Git("status", "--porcelain", "--", ".", ":(exclude)bench/RESULTS*.md", $":(exclude)bench/{RebuildMemoryLedger.FileName}")
            ?.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length ?? 0,
        LoadAverageNow());

    public static string LoadAverageNow() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>The value of the first "key: value" (or "key=value") line of a file.</summary>
    private static string? FirstValue(string path, string key, char separator = ':') =>
        File.Exists(path)
            ? File.ReadLines(path).Where(l => l.StartsWith(key, StringComparison.Ordinal)).Select(l => l[(l.IndexOf(separator) + 1)..].Trim()).FirstOrDefault()
            : null;

    private static long MemoryTotal() =>
        FirstValue("/proc/meminfo", "MemTotal") is { } total ? long.Parse(total.Replace("kB", "").Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024 : 0;

    private static string OsName() =>
        (FirstValue("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription)
        + (File.Exists("/proc/sys/kernel/osrelease") ? $", kernel {File.ReadAllText("/proc/sys/kernel/osrelease").Trim()}" : "");

    private static string? Git(params string[] arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, RedirectStandardError = true });
            var output = git!.StandardOutput.ReadToEnd();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
