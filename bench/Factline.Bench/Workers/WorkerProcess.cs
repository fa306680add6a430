using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Threading.Channels;

namespace Factline.Bench.Workers;

/// <summary>
/// A worker: this same program started again with the hidden <c>worker</c> command. Lines the worker
/// prints that are not protocol messages are passed through to the bench's standard error.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(15);

    private readonly Process _process;
    private readonly Channel<string> _messages = Channel.CreateUnbounded<string>();
    private readonly Task _pump;

    private WorkerProcess(Process process)
    {
        _process = process;
        _pump = Task.Run(PumpOutputAsync);
    }

    public int ProcessId => _process.Id;

    /// <summary>Runs a worker to completion and returns its result.</summary>
    public static async Task<T> RunAsync<T>(WorkerRequest request, CancellationToken cancellationToken)
    {
        await using var worker = Start(request);
        return await worker.FinishAsync<T>(cancellationToken);
    }

    public static WorkerProcess Start(WorkerRequest request)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // Started as "dotnet Factline.Bench.dll", the program must be named again.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        start.ArgumentList.Add(WorkerCommand.Name);

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start a worker process.");
        process.StandardInput.WriteLine(JsonSerializer.Serialize(request, BenchJson.Options));
        process.StandardInput.Flush();
        return new WorkerProcess(process);
    }

    /// <summary>Waits for a long-running worker to say it is ready.</summary>
    public async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var message = await NextMessageAsync(cancellationToken);
        if (message != WorkerChannel.Ready)
            throw new InvalidOperationException($"Worker {ProcessId} sent '{message}' instead of '{WorkerChannel.Ready}'.");
    }

    /// <summary>Closes the worker's input (its signal to finish), then reads its result and waits for it to exit.</summary>
    public async Task<T> FinishAsync<T>(CancellationToken cancellationToken)
    {
        _process.StandardInput.Close();
        var message = await NextMessageAsync(cancellationToken);
        if (!message.StartsWith(WorkerChannel.Result, StringComparison.Ordinal))
            throw new InvalidOperationException($"Worker {ProcessId} sent '{message}' instead of its result.");
        await _process.WaitForExitAsync(cancellationToken);
        return JsonSerializer.Deserialize<T>(message[WorkerChannel.Result.Length..], BenchJson.Options)
            ?? throw new InvalidOperationException($"Worker {ProcessId} sent a null result.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        await _pump;
        _process.Dispose();
    }

    private async Task<string> NextMessageAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(DefaultTimeout);
        try
        {
            return await _messages.Reader.ReadAsync(timeout.Token);
        }
        catch (ChannelClosedException)
        {
            await _process.WaitForExitAsync(cancellationToken);
            throw new InvalidOperationException($"Worker {ProcessId} exited with code {_process.ExitCode} without answering; its error output is above.");
        }
    }

    private async Task PumpOutputAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(WorkerChannel.Prefix, StringComparison.Ordinal))
                await _messages.Writer.WriteAsync(line[WorkerChannel.Prefix.Length..]);
            else
                await Console.Error.WriteLineAsync($"  [worker {ProcessId}] {line}");
        }
        _messages.Writer.Complete();
    }
}
