using System.Diagnostics;

namespace Factline.Bench.Http;

/// <summary>How wrk loads the server.</summary>
public sealed record WrkSettings(int Threads, int Connections, TimeSpan Duration);

/// <summary>Debian's wrk, the HTTP load generator, run as a separate process against the server.</summary>
internal static class Wrk
{
    private const string Executable = "wrk";
    private const string Script = "Http/rotate-paths.lua";

    public static bool IsInstalled() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, Executable)));

    /// <param name="pathsFile">Request paths, one per line, that the script picks from at random.</param>
    public static async Task<WrkMeasurement> RunAsync(string baseUrl, string pathsFile, WrkSettings settings, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments(baseUrl, settings, Path.Combine(AppContext.BaseDirectory, Script)))
            start.ArgumentList.Add(argument);
        start.Environment["WRK_PATHS"] = pathsFile;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start wrk.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"wrk exited with code {process.ExitCode}: {await errors}");
        return WrkMeasurement.Parse(await output);
    }

    /// <summary>The command line, for the results page (the script named by its place in the repository).</summary>
    public static string CommandLine(string baseUrl, WrkSettings settings) =>
        $"{Executable} {string.Join(' ', Arguments(baseUrl, settings, "bench/Factline.Bench/" + Script))}";

    private static IEnumerable<string> Arguments(string baseUrl, WrkSettings settings, string script) =>
    [
        $"-t{settings.Threads}", $"-c{settings.Connections}", $"-d{(int)settings.Duration.TotalSeconds}s", "--latency",
        "-s", script, baseUrl,
    ];

}
