using System.CommandLine;
using Factline.Bench.Http;
using Factline.Bench.Ingest;
using Factline.Bench.Queries;
using Factline.Bench.Scan;

namespace Factline.Bench.Workers;

/// <summary>The hidden <c>worker</c> command: runs the one measurement named by the request on standard input.</summary>
internal static class WorkerCommand
{
    public const string Name = "worker";

    public static Command Create()
    {
        var command = new Command(Name, "Run one measurement for the bench (started by the bench itself).") { Hidden = true };
        command.SetAction(async (_, cancellationToken) =>
        {
            var request = await WorkerChannel.ReadRequestAsync();
            object result = request switch
            {
                IngestRequest ingest => await IngestWorker.RunAsync(ingest, cancellationToken),
                QueryRequest query => await QueryWorker.RunAsync(query, cancellationToken),
                ServeRequest serve => await ServeWorker.RunAsync(serve, cancellationToken),
                ScanRequest scan => ScanWorker.Run(scan, cancellationToken),
                _ => throw new InvalidOperationException($"No worker handles {request.GetType().Name}."),
            };
            WorkerChannel.SendResult(result);
        });
        return command;
    }
}
