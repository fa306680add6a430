using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Factline.Storage;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.ScaleOut;

/// <summary>
/// One Factline instance of a scale-out deployment: the real <c>factline serve</c> command as a child
/// process, writing to a shared PostgreSQL store as a member of a shared consumer group and answering the
/// API on a port of its own. It can be stopped
/// the polite way (SIGTERM: apply what was read, leave the group) or killed (SIGKILL: nothing more).
/// </summary>
public sealed partial class GroupMember : IDisposable
{
    private const int SigTerm = 15;
    private const int MaxKeptLines = 20_000;

    private readonly Process _process;
    private readonly List<string> _lines = [];

    private GroupMember(string name, Uri baseAddress, Process process)
    {
        Name = name;
        BaseAddress = baseAddress;
        _process = process;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    /// <summary>Where this instance's API listens.</summary>
    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Whether the test stopped or killed the instance (as opposed to it exiting by itself).</summary>
    public bool WasStopped { get; private set; }

    /// <summary>Everything the instance printed so far (bounded), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_lines)
                return string.Join(Environment.NewLine, _lines);
        }
    }

    /// <summary>
    /// Each partition the group assigned to this instance, with the offset it resumed from, in the order
    /// of the projector's "Projecting {partition} from offset {offset}" log lines.
    /// </summary>
    public IReadOnlyList<(PartitionId Partition, long Offset)> Assignments
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines.Select(line => AssignmentLine().Match(line)).Where(match => match.Success).Select(match => (
                    new PartitionId(match.Groups["topic"].Value, int.Parse(match.Groups["partition"].Value)),
                    long.Parse(match.Groups["offset"].Value)))];
            }
        }
    }

    /// <summary>Starts <c>factline serve --store postgres</c>, configured through environment variables as a deployment would be.</summary>
    public static GroupMember Start(string name, ScaleOutDeployment deployment)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            // A working directory of its own, so no factline.json of the caller's is picked up.
            WorkingDirectory = deployment.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var baseAddress = new Uri($"http://127.0.0.1:{LocalPorts.Free()}");
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "factline.dll"), "serve", "--urls", baseAddress.ToString(),
                     "--bootstrap-servers", deployment.BootstrapServers, "--topic", deployment.Topic, "--store", "postgres" })
            start.ArgumentList.Add(argument);
        start.Environment["Factline__Store__ConnectionString"] = deployment.StoreConnectionString;
        start.Environment["Factline__Kafka__GroupId"] = deployment.GroupId;
        start.Environment["Factline__Kafka__GroupProtocol"] = "consumer";
        // Only the projector's assignment lines and problems, one line per message, so they can be parsed.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Factline.Projection.Projector"] = "Information";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        return new GroupMember(name, baseAddress, Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start"));
    }

    /// <summary>SIGTERM, as an orchestrator stops a container; waits until the instance has exited and returns its exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        WasStopped = true;
        if (SendSignal(_process.Id, SigTerm) != 0)
            throw new InvalidOperationException($"{Name}: SIGTERM failed (errno {Marshal.GetLastPInvokeError()})");
        using var waiting = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(waiting.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown hooks, no last batch, no leaving the group. Waits until the process is gone.</summary>
    public void Kill()
    {
        WasStopped = true;
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

    [GeneratedRegex(@"Projecting (?<topic>\S+)/(?<partition>\d+) from offset (?<offset>\d+)")]
    private static partial Regex AssignmentLine();
}
