using System.Text.RegularExpressions;
using Factline.Storage;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.ScaleOut;

/// <summary>
/// One Factline instance of a scale-out deployment: the real <c>factline serve</c> command as a child
/// process, writing to a shared PostgreSQL store as a member of a shared consumer group and answering the
/// API on a port of its own. It can be stopped the polite way (SIGTERM: apply what was read, leave the
/// group) or killed (SIGKILL: nothing more).
/// </summary>
public sealed partial class GroupMember : IDisposable
{
    private readonly FactlineProcess _process;

    private GroupMember(string name, Uri baseAddress, FactlineProcess process)
    {
        Name = name;
        BaseAddress = baseAddress;
        _process = process;
    }

    public string Name { get; }

    /// <summary>Where this instance's API listens.</summary>
    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Whether the test stopped or killed the instance (as opposed to it exiting by itself).</summary>
    public bool WasStopped { get; private set; }

    /// <summary>Everything the instance printed so far (bounded), for failure messages.</summary>
    public string Output => _process.Output;

    /// <summary>
    /// Each partition the group assigned to this instance, with the offset it resumed from, in the order
    /// of the projector's "Projecting {partition} from offset {offset}" log lines.
    /// </summary>
    public IReadOnlyList<(PartitionId Partition, long Offset)> Assignments =>
        [.. _process.Lines.Select(line => AssignmentLine().Match(line)).Where(match => match.Success).Select(match => (
            new PartitionId(match.Groups["topic"].Value, int.Parse(match.Groups["partition"].Value)),
            long.Parse(match.Groups["offset"].Value)))];

    /// <summary>Starts <c>factline serve --store postgres</c>, configured through environment variables as a deployment would be.</summary>
    public static GroupMember Start(string name, ScaleOutDeployment deployment)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{LocalPorts.Free()}");
        var process = FactlineProcess.Start(deployment.WorkingDirectory,
            ["serve", "--urls", baseAddress.ToString(), "--bootstrap-servers", deployment.BootstrapServers, "--topic", deployment.Topic, "--store", "postgres"],
            new Dictionary<string, string>
            {
                ["Factline__Store__ConnectionString"] = deployment.StoreConnectionString,
                ["Factline__Kafka__GroupId"] = deployment.GroupId,
                ["Factline__Kafka__GroupProtocol"] = "consumer",
                // Only the projector's assignment lines and problems, one line per message, so they can be parsed.
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__LogLevel__Factline.Projection.Projector"] = "Information",
                ["Logging__Console__FormatterName"] = "simple",
                ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            });
        return new GroupMember(name, baseAddress, process);
    }

    /// <summary>SIGTERM, as an orchestrator stops a container; waits until the instance has exited and returns its exit code.</summary>
    public Task<int> StopAsync(TimeSpan timeout)
    {
        WasStopped = true;
        return _process.StopAsync(timeout);
    }

    /// <summary>SIGKILL: no shutdown hooks, no last batch, no leaving the group.</summary>
    public void Kill()
    {
        WasStopped = true;
        _process.Kill();
    }

    public void Dispose() => _process.Dispose();

    [GeneratedRegex(@"Projecting (?<topic>\S+)/(?<partition>\d+) from offset (?<offset>\d+)")]
    private static partial Regex AssignmentLine();
}
