using Factline.Kafka.Mock;
using Factline.Tests.EndToEnd;

namespace Factline.Tests.Conformance;

/// <summary>
/// The running deployment the conformance kit walks: the one <see cref="UrlVariable"/> points at, or else a real
/// Factline service (<see cref="FactlineInstance"/>: projector, SQLite store, HTTP API) started here over a mock
/// Kafka cluster. Before any test runs, the kit posts its <see cref="KitCorpus"/> through the API.
/// </summary>
public sealed class ConformanceTarget : IAsyncLifetime
{
    /// <summary>The base address of a running deployment to check, e.g. http://factline.test:8688; unset: start one here.</summary>
    public const string UrlVariable = "FACTLINE_CONFORMANCE_URL";

    /// <summary>A topic the deployment projects, which the kit posts its facts to (default tmf.facts).</summary>
    public const string TopicVariable = "FACTLINE_CONFORMANCE_TOPIC";

    /// <summary>The deployment's Factline:Projector:MaxRecordBytes, when it is not the default 1 MiB.</summary>
    public const string MaxRecordBytesVariable = "FACTLINE_CONFORMANCE_MAX_RECORD_BYTES";

    private const string LocalTopic = "ctk.facts";
    private const int LocalPartitions = 3;
    private const int DefaultMaxRecordBytes = 1024 * 1024;

    private MockCluster? _cluster;
    private FactlineInstance? _instance;
    private HttpClient? _remote;
    private KitCorpus? _corpus;

    public HttpClient Http => _instance?.Http ?? _remote ?? throw new InvalidOperationException("the conformance target has not started");

    /// <summary>The projected topic the kit posts to.</summary>
    public string Topic { get; private set; } = LocalTopic;

    /// <summary>The largest fact the deployment accepts, in bytes.</summary>
    public int MaxRecordBytes { get; private set; } = DefaultMaxRecordBytes;

    /// <summary>The facts the kit posted, as the deployment serves them.</summary>
    public KitCorpus Corpus => _corpus ?? throw new InvalidOperationException("the corpus has not been posted");

    public async Task InitializeAsync()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable(MaxRecordBytesVariable), out var maxRecordBytes))
            MaxRecordBytes = maxRecordBytes;

        if (Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } url)
        {
            Topic = Environment.GetEnvironmentVariable(TopicVariable) is { Length: > 0 } topic ? topic : "tmf.facts";
            _remote = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        }
        else
        {
            _cluster = new MockCluster();
            _cluster.CreateTopic(Topic, LocalPartitions);
            _instance = new FactlineInstance(_cluster.BootstrapServers, Topic);
            await _instance.StartAsync();
        }
        _corpus = await KitCorpus.PostAsync(Http, Topic);
    }

    public async Task DisposeAsync()
    {
        _remote?.Dispose();
        if (_instance is not null)
            await _instance.DisposeAsync();
        _cluster?.Dispose();
    }
}

/// <summary>The conformance kit's test classes share one target and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ConformanceCollection : ICollectionFixture<ConformanceTarget>
{
    public const string Name = "TMF688 conformance kit";
}
