using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Factline.Tests.Infrastructure;

/// <summary>
/// The real <c>factline</c> command as a child process (the CLI's <c>factline.dll</c> is copied into the test
/// output), so that a test can stop it the polite way (SIGTERM) or kill it the hard way (SIGKILL).
/// </summary>
public sealed class FactlineProcess : IDisposable
{
    private const int SigTerm = 15;
    private const int MaxKeptLines = 20_000;

    private readonly Process _process;
    private readonly List<string> _lines = [];

    private FactlineProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The lines it printed so far (the first <see cref="MaxKeptLines"/>).</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
                return [.. _lines];
        }
    }

    /// <summary>Everything it printed so far (bounded), for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, Lines);

    /// <param name="workingDirectory">A directory of its own, so no factline.json of the caller's is picked up.</param>
    /// <param name="arguments">The command and its options, e.g. <c>project --topic t</c>.</param>
    /// <param name="environment">Configuration as a deployment sets it (<c>Factline__Kafka__GroupId</c>, ...).</param>
    public static FactlineProcess Start(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "factline.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return new FactlineProcess(Process.Start(start) ?? throw new InvalidOperationException("factline did not start"));
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with everything it printed if it exits first or time runs out.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (HasExited)
                Assert.Fail($"{what}: factline exited by itself:\n{Output}");
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{what}: not within {timeout}:\n{Output}");
            await Task.Delay(5);
        }
    }

    /// <summary>SIGTERM, as an orchestrator stops a container; waits until it has exited and returns its exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (SendSignal(_process.Id, SigTerm) != 0)
            throw new InvalidOperationException($"SIGTERM failed (errno {Marshal.GetLastPInvokeError()})");
        return await WaitForExitAsync(timeout);
    }

    /// <summary>Waits until it has exited and everything it printed has been read (<see cref="Lines"/> is complete); returns its exit code.</summary>
    /// <exception cref="OperationCanceledException">It was still running after <paramref name="timeout"/>.</exception>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var waiting = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(waiting.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown hooks, no last batch, no flush, no leaving the group. Waits until the process is gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            Kill();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        lock (_lines)
        {
            if (_lines.Count < MaxKeptLines)
                _lines.Add(line);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int processId, int signal);
}
