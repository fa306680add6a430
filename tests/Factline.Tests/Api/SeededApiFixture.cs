using Factline.Storage.Memory;

namespace Factline.Tests.Api;

/// <summary>One API server over a memory store loaded with <see cref="ApiCorpus"/>, shared by the API test classes.</summary>
public sealed class SeededApiFixture : IAsyncLifetime
{
    private readonly MemoryProjectionStore _store = new();
    private ApiServer? _server;

    public HttpClient Client => Server.Client;

    public Uri BaseAddress => Server.BaseAddress;

    public RecordingLoggerProvider Logs => Server.Logs;

    private ApiServer Server => _server ?? throw new InvalidOperationException("the server has not started");

    public async Task InitializeAsync()
    {
        await ApiCorpus.LoadIntoAsync(_store);
        _server = await ApiServer.StartAsync(_store);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
        await _store.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SeededApiCollection : ICollectionFixture<SeededApiFixture>
{
    public const string Name = "API over the seeded memory store";
}
