using Factline.Cli.Hosting;
using Factline.Kafka.Mock;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Factline.Tests.Conformance;

/// <summary>
/// Factline as <c>factline serve</c> builds it, over its own mock cluster, projecting two topics into a memory
/// store, with topic deletion enabled: the set-up for what the kit cannot arrange on a deployment it is given.
/// </summary>
public sealed class TwoTopicDeployment : IAsyncLifetime
{
    public const string First = "ctk.first";
    public const string Second = "ctk.second";
    public const int Partitions = 2;

    private readonly MockCluster _cluster = new();
    private WebApplication? _app;

    public HttpClient Http { get; private set; } = new();

    public string BootstrapServers => _cluster.BootstrapServers;

    public async Task InitializeAsync()
    {
        _cluster.CreateTopic(First, Partitions);
        _cluster.CreateTopic(Second, Partitions);
        var options = CommonOptions.ForCode();
        foreach (var (key, value) in Settings())
            options.Set(key, value);
        _app = FactlineServer.Build(options);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
            await _app.DisposeAsync();
        _cluster.Dispose();
    }

    private Dictionary<string, string> Settings() => new()
    {
        ["Factline:Kafka:BootstrapServers"] = _cluster.BootstrapServers,
        ["Factline:Kafka:Topics:0"] = First,
        ["Factline:Kafka:Topics:1"] = Second,
        ["Factline:Kafka:GroupId"] = $"ctk-{Guid.NewGuid():N}",
        ["Factline:Store:Kind"] = "memory",
        ["Factline:Api:Urls"] = "http://127.0.0.1:0",
        ["Factline:Api:AllowTopicDeletion"] = "true",
        // The mock cluster never answers admin requests (see KafkaErrors); there is no need to wait long for that.
        ["Factline:Api:KafkaAdminTimeout"] = "00:00:01",
    };
}
