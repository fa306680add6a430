using System.Globalization;
using Factline.Api.OpenApi;
using Factline.Kafka;
using Factline.Kafka.Producing;
using Factline.Projection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Factline.Api.Topics;

/// <summary>
/// Registers what the Topic resource needs. The host registers the <see cref="KafkaOptions"/> (cluster and
/// projected topics); Kafka clients are built on first use, so a host that never serves a topic request needs no cluster.
/// </summary>
internal static class TopicServices
{
    private const string DeliveryTimeoutSetting = "message.timeout.ms";
    private const string MaxMessageSetting = "message.max.bytes";

    /// <summary>Room in a produce request beyond the value: the key (256 characters, up to 1 KiB of UTF-8) and the record's framing.</summary>
    private const int RecordOverheadBytes = 2048;

    /// <summary>The TMF688 names of the resource's schemas.</summary>
    private static readonly Dictionary<Type, string> SchemaNames = new()
    {
        [typeof(TmfTopic)] = "Topic",
        [typeof(TopicCreate)] = "Topic_Create",
    };

    public static IServiceCollection AddTopics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(Options.Create(configuration.ReadValidated<TopicOptions>(ApiOptions.Section)));
        // The projector's record size bound is the API's too; the host's registration wins when it has one.
        services.TryAddSingleton(configuration.ReadValidated<ProjectorOptions>(ProjectorOptions.Section));
        services.AddSingleton<ProjectedTopics>();
        services.AddSingleton<KafkaTopicAdmin>();
        services.AddSingleton(sp => new FactProducer(new FactProducerOptions
        {
            Kafka = ForAppending(
                sp.GetRequiredService<KafkaOptions>(), sp.GetRequiredService<IOptions<TopicOptions>>().Value.DeliveryTimeout,
                sp.GetRequiredService<ProjectorOptions>().MaxRecordBytes),
        }, logger: sp.GetRequiredService<ILogger<FactProducer>>()));
        services.AddSingleton<FactAppender>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PostedFacts>();

        services.Configure<OpenApiOptions>(TmfOpenApi.DocumentName, options => options.AddOperationTransformer<LocationHeaderTransformer>());
        // After every Configure, so the API's own naming has been set up and is only extended here.
        services.PostConfigure<OpenApiOptions>(TmfOpenApi.DocumentName, options =>
        {
            var named = options.CreateSchemaReferenceId;
            options.CreateSchemaReferenceId = type => SchemaNames.TryGetValue(type.Type, out var name) ? name : named(type);
        });
        return services;
    }

    /// <summary>
    /// The cluster settings with a bounded wait for acknowledgements, and room for every fact the projector accepts
    /// (librdkafka's own bound, 1,000,000 bytes, is below the projector's default 1 MiB), unless the operator set them in
    /// Factline:Kafka:Client. The broker's own bound still applies: a record it refuses is a 413 that says so.
    /// </summary>
    private static KafkaOptions ForAppending(KafkaOptions kafka, TimeSpan timeout, int maxRecordBytes)
    {
        var client = new Dictionary<string, string>(kafka.Client);
        client.TryAdd(DeliveryTimeoutSetting, ((long)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        client.TryAdd(MaxMessageSetting, Math.Max(1_000_000, maxRecordBytes + RecordOverheadBytes).ToString(CultureInfo.InvariantCulture));
        return new KafkaOptions { BootstrapServers = kafka.BootstrapServers, Client = client };
    }
}
