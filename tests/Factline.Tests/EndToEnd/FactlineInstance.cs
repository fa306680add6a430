using Factline.Cli.Hosting;
using Factline.Storage;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.EndToEnd;

/// <summary>
/// A real Factline service (projector + SQLite store + HTTP API) running in this process against a
/// mock Kafka cluster, built exactly as <c>factline serve</c> builds it. Start, stop and start again
/// on the same data directory to test restarts.
/// </summary>
public sealed class FactlineInstance : IAsyncDisposable
{
    private WebApplication? _app;

    /// <param name="settings">More configuration, e.g. "Factline:Projector:MaxRecordBytes".</param>
    public FactlineInstance(
        string bootstrapServers, string topic, string? dataDirectory = null, string? groupId = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        Settings = settings ?? new Dictionary<string, string>();
        BootstrapServers = bootstrapServers;
        Topic = topic;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("factline-e2e-").FullName;
        GroupId = groupId ?? $"factline-e2e-{Guid.NewGuid():N}";
        BaseAddress = new Uri($"http://127.0.0.1:{LocalPorts.Free()}");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public IReadOnlyDictionary<string, string> Settings { get; }
    public string BootstrapServers { get; }
    public string Topic { get; }
    public string DataDirectory { get; }
    public string GroupId { get; }
    public Uri BaseAddress { get; }
    public HttpClient Http { get; }

    public IServiceProvider Services => (_app ?? throw new InvalidOperationException("not started")).Services;

    public IFactReader Reader => Services.GetRequiredService<IFactReader>();

    /// <param name="startSettings">Configuration for this start only, over the instance's own (e.g. a start position).</param>
    /// <param name="replaceServices">Registrations over the configured ones, for this start only.</param>
    public async Task StartAsync(IReadOnlyDictionary<string, string>? startSettings = null, Action<IServiceCollection>? replaceServices = null)
    {
        var options = CommonOptions.ForCode();
        options.Set("Factline:Kafka:BootstrapServers", BootstrapServers);
        options.Set("Factline:Kafka:Topics:0", Topic);
        options.Set("Factline:Kafka:GroupId", GroupId);
        options.Set("Factline:Store:Kind", "sqlite");
        options.Set("Factline:Store:DataDirectory", DataDirectory);
        options.Set("Factline:Api:Urls", BaseAddress.ToString());
        foreach (var (key, value) in Settings.Concat(startSettings ?? new Dictionary<string, string>()))
            options.Set(key, value);
        _app = FactlineServer.Build(options, replaceServices);
        await _app.StartAsync();
    }

    public async Task StopAsync()
    {
        if (_app is null)
            return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    /// <summary>Waits until the store holds at least <paramref name="facts"/> facts and <paramref name="quarantined"/> quarantined records.</summary>
    public async Task WaitForAsync(long facts, long quarantined = 0, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var counters = await Reader.ReadCountersAsync();
            if (counters.Facts >= facts && counters.Quarantined >= quarantined)
                return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"waited for {facts} facts and {quarantined} quarantined; the store has {counters.Facts} and {counters.Quarantined}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the store's bookmark for <paramref name="partition"/> reaches <paramref name="nextOffset"/>.</summary>
    public async Task WaitForBookmarkAsync(PartitionId partition, long nextOffset, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while ((await Reader.ReadBookmarksAsync()).GetValueOrDefault(partition).NextOffset < nextOffset)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the bookmark of {partition} did not reach {nextOffset}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Http.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the test over it is not.
        }
    }
}
