using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Factline.Kafka;
using Microsoft.Extensions.Options;

namespace Factline.Api.Topics;

/// <summary>
/// The cluster's side of the Topic resource: partition counts from metadata, CreateTopics and DeleteTopics,
/// through one admin client built on first use. Every failure becomes a TMF error (see <see cref="KafkaErrors"/>).
/// </summary>
internal sealed class KafkaTopicAdmin : IDisposable
{
    private readonly Lazy<IAdminClient> _admin;
    private readonly TimeSpan _timeout;

    public KafkaTopicAdmin(KafkaOptions kafka, IOptions<TopicOptions> options, ILogger<KafkaTopicAdmin> logger)
    {
        _admin = new(() => new AdminClientBuilder(KafkaClientConfigs.ForAdmin(kafka)).LoggingTo(logger).Build());
        _timeout = options.Value.KafkaAdminTimeout;
    }

    /// <summary>The partition count of every topic the cluster has.</summary>
    /// <remarks>
    /// Asks for the metadata of all topics: a metadata request that names a missing topic makes brokers
    /// with auto-creation enabled (and the dev broker) create it, and reading must never create anything.
    /// </remarks>
    public async Task<IReadOnlyDictionary<string, int>> PartitionCountsAsync(CancellationToken cancellationToken)
    {
        Metadata metadata;
        try
        {
            // The client's metadata call blocks; keep it off the request thread.
            metadata = await Task.Run(() => _admin.Value.GetMetadata(_timeout), cancellationToken);
        }
        catch (KafkaException e)
        {
            throw KafkaErrors.For("read the cluster's metadata", e.Error);
        }
        return metadata.Topics
            .Where(topic => !topic.Error.IsError)
            .ToDictionary(topic => topic.Topic, topic => topic.Partitions.Count, StringComparer.Ordinal);
    }

    /// <param name="partitions">The partition count, or null for the broker's default.</param>
    /// <param name="replicationFactor">The replication factor, or null for the broker's default.</param>
    public Task CreateAsync(string name, int? partitions, short? replicationFactor)
    {
        var specification = new TopicSpecification { Name = name, NumPartitions = partitions ?? -1, ReplicationFactor = replicationFactor ?? -1 };
        return AdministerAsync($"create topic '{name}'",
            admin => admin.CreateTopicsAsync([specification], new CreateTopicsOptions { RequestTimeout = _timeout }));
    }

    public Task DeleteAsync(string name) =>
        AdministerAsync($"delete topic '{name}'",
            admin => admin.DeleteTopicsAsync([name], new DeleteTopicsOptions { RequestTimeout = _timeout }));

    private async Task AdministerAsync(string action, Func<IAdminClient, Task> request)
    {
        try
        {
            await request(_admin.Value);
        }
        catch (KafkaException e)
        {
            throw KafkaErrors.For(action, TopicError(e));
        }
    }

    /// <summary>The error of the one topic a request was about: the request-level error of a per-topic report is generic.</summary>
    private static Error TopicError(KafkaException exception) => exception switch
    {
        CreateTopicsException create => create.Results.Single().Error,
        DeleteTopicsException delete => delete.Results.Single().Error,
        _ => exception.Error,
    };

    public void Dispose()
    {
        if (_admin.IsValueCreated)
            _admin.Value.Dispose();
    }
}
