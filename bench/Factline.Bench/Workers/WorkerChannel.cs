using System.Text.Json;

namespace Factline.Bench.Workers;

/// <summary>
/// The line protocol between the bench and a worker. The request is the first line on the worker's
/// standard input; the worker answers on standard output with lines that start with <see cref="Prefix"/>,
/// so anything else a library prints there (a logger, a warning) cannot be mistaken for an answer.
/// </summary>
internal static class WorkerChannel
{
    public const string Prefix = "@bench ";
    public const string Ready = "ready";
    public const string Result = "result ";

    public static async Task<WorkerRequest> ReadRequestAsync()
    {
        var line = await Console.In.ReadLineAsync() ?? throw new InvalidOperationException("The worker got no request on its standard input.");
        return JsonSerializer.Deserialize<WorkerRequest>(line, BenchJson.Options)
            ?? throw new InvalidOperationException("The worker's request was JSON null.");
    }

    /// <summary>Tells the bench that a long-running worker (a server) is ready for load.</summary>
    public static void SendReady() => Send(Ready);

    public static void SendResult(object result) =>
        Send(Result + JsonSerializer.Serialize(result, result.GetType(), BenchJson.Options));

    /// <summary>Waits until the bench closes the worker's standard input: the signal to finish.</summary>
    public static async Task WaitForStopAsync()
    {
        while (await Console.In.ReadLineAsync() is not null)
        {
        }
    }

    private static void Send(string message)
    {
        Console.Out.WriteLine(Prefix + message);
        Console.Out.Flush();
    }
}
