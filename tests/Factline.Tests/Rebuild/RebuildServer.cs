using System.Net;
using System.Net.Sockets;
using Factline.Cli.Hosting;
using Factline.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Factline.Tests.Rebuild;

/// <summary>
/// <c>factline serve</c> in this process on a SQLite data directory, with settings of the test's choosing
/// (start position, batch size, rebuild hand-over). Stop and start again on the same directory to test restarts.
/// </summary>
public sealed class RebuildServer(string bootstrapServers, string topic, string dataDirectory) : IAsyncDisposable
{
    private WebApplication? _app;

    public string DataDirectory => dataDirectory;
    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{FreePort()}");
    public IServiceProvider Services => (_app ?? throw new InvalidOperationException("not started")).Services;
    public IFactReader Reader => Services.GetRequiredService<IFactReader>();

    public async Task StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var options = CommonOptions.ForCode();
        options.Set("Factline:Kafka:BootstrapServers", bootstrapServers);
        options.Set("Factline:Kafka:Topics:0", topic);
        // A fresh group each start: the store's bookmarks, not the group, say where to resume.
        options.Set("Factline:Kafka:GroupId", $"factline-rebuild-{Guid.NewGuid():N}");
        options.Set("Factline:Store:Kind", "sqlite");
        options.Set("Factline:Store:DataDirectory", dataDirectory);
        options.Set("Factline:Api:Urls", BaseAddress.ToString());
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            options.Set(key, value);
        _app = FactlineServer.Build(options);
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

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(dataDirectory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
