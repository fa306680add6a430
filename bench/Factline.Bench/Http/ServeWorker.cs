using Factline.Bench.Stores;
using Factline.Bench.Workers;
using Factline.Cli.Hosting;

namespace Factline.Bench.Http;

/// <summary>Runs one <see cref="ServeRequest"/> inside a worker process, with the product's own server host.</summary>
internal static class ServeWorker
{
    public static async Task<ServeMeasurement> RunAsync(ServeRequest request, CancellationToken cancellationToken)
    {
        var store = BenchStores.Named(request.Store);
        var settings = store.ServerSettings?.Invoke(request.Slot)
            ?? throw new InvalidOperationException($"The {store.Name} store cannot be served from another process.");

        var options = CommonOptions.ForCode();
        options.Set("Factline:Kafka:BootstrapServers", request.Source.BootstrapServers);
        options.Set("Factline:Kafka:Topics:0", request.Source.Topic);
        options.Set("Factline:Kafka:GroupId", $"bench-serve-{Guid.NewGuid():N}");
        options.Set("Factline:Api:Urls", request.Url);
        // As a production deployment would: a log line per request would measure the console, not the API.
        options.Set("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in settings)
            options.Set(key, value);

        await using var app = FactlineServer.Build(options);
        await app.StartAsync(cancellationToken);
        WorkerChannel.SendReady();
        await WorkerChannel.WaitForStopAsync();
        var memory = ProcessMemory.Read();
        await app.StopAsync(cancellationToken);
        return new ServeMeasurement(memory.PeakResidentBytes, memory.ResidentBytes, memory.FileBackedBytes);
    }
}
