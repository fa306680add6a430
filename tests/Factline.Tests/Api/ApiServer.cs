using Factline.Api;
using Factline.Projection.Evidence;
using Factline.Storage;
using Factline.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Factline.Tests.Api;

/// <summary>The real API on Kestrel, on a free loopback port, serving the given store; talk to it through <see cref="Client"/>.</summary>
public sealed class ApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiServer(WebApplication app, HttpClient client, RecordingLoggerProvider logs)
    {
        _app = app;
        Client = client;
        Logs = logs;
    }

    public HttpClient Client { get; }

    /// <summary>Everything the app logged.</summary>
    public RecordingLoggerProvider Logs { get; }

    public Uri BaseAddress => Client.BaseAddress!;

    /// <param name="settings">Configuration to add, e.g. "Factline:Api:MaxLimit".</param>
    /// <param name="progress">How far the log has been read; by default one partition of "tmf.facts", caught up.</param>
    public static async Task<ApiServer> StartAsync(
        IFactReader facts, IReadOnlyDictionary<string, string?>? settings = null, IReadProgressSource? progress = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{ApiOptions.Section}:{nameof(ApiOptions.Urls)}"] = "http://127.0.0.1:0",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        var logs = new RecordingLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.AddFactlineApi();
        builder.Services.AddSingleton(facts);
        builder.Services.AddSingleton(progress ?? FixedReadProgress.CaughtUp("tmf.facts"));

        var app = builder.Build();
        app.MapFactlineApi();
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ApiServer(app, new HttpClient { BaseAddress = new Uri(address) }, logs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
