using System.Diagnostics;
using System.Text;

namespace Factline.Tests.Projection;

/// <summary>
/// The real <c>factline project</c> command running as a child process (the CLI's <c>factline.dll</c> is
/// copied into the test output), so that a test can kill it the hard way.
/// </summary>
public sealed class ProjectorProcess : IDisposable
{
    private const int MaxKeptOutput = 64 * 1024;

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ProjectorProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    /// <summary>What the process printed so far (the start of it, bounded), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <param name="groupId">
    /// The consumer group. A killed member keeps its partitions until the group's session times out, so
    /// each run joins a fresh group: the projector resumes from the store's bookmarks, not from Kafka.
    /// </param>
    public static ProjectorProcess Start(string bootstrapServers, string topic, string dataDirectory, string groupId)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "factline.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            // A working directory of its own, so no factline.json of the caller's is picked up.
            WorkingDirectory = dataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { cli, "project", "--bootstrap-servers", bootstrapServers, "--topic", topic, "--data-dir", dataDirectory })
            start.ArgumentList.Add(argument);
        start.Environment["Factline__Kafka__GroupId"] = groupId;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        return new ProjectorProcess(Process.Start(start) ?? throw new InvalidOperationException("factline project did not start"));
    }

    /// <summary>SIGKILL on Linux: no shutdown hooks, no last batch, no flush. Waits until the process is gone.</summary>
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
        lock (_output)
        {
            if (_output.Length < MaxKeptOutput)
                _output.AppendLine(line);
        }
    }
}
