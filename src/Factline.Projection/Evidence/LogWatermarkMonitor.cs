using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using Factline.Kafka;
using Factline.Storage;
using Microsoft.Extensions.Logging;

namespace Factline.Projection.Evidence;

/// <summary>
/// Keeps, for every partition of the projected topics, where Kafka's log starts and ends. It watches all
/// partitions, not only those this instance projects, so any instance can state the evidence for any answer.
/// </summary>
public sealed class LogWatermarkMonitor : IDisposable
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one refresh may spend reading log start times. A fetch at a log start that retention moved meanwhile is
    /// refused and retried by the client until it times out; the log ends, stored first, never wait for it.
    /// </summary>
    private static readonly TimeSpan StartTimeBudget = TimeSpan.FromMilliseconds(500);

    private readonly KafkaOptions _kafka;
    private readonly ConcurrentDictionary<PartitionId, LogWatermarks> _watermarks = new();
    private readonly ConcurrentDictionary<string, int> _partitionCounts = new();
    private readonly Lazy<IConsumer<byte[]?, byte[]?>> _consumer;
    private readonly Lazy<IConsumer<byte[]?, byte[]?>> _startReader;
    private readonly Lazy<IAdminClient> _admin;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly ILogger _logger;

    /// <summary>Configured topics the cluster did not know at the last refresh: each is logged once, when it goes missing.</summary>
    private readonly ConcurrentDictionary<string, byte> _missingTopics = new(StringComparer.Ordinal);

    public LogWatermarkMonitor(KafkaOptions kafka, ILogger<LogWatermarkMonitor> logger)
    {
        _kafka = kafka;
        _logger = logger;
        var consumerConfig = KafkaClientConfigs.ForConsumer(kafka);
        consumerConfig.GroupId = $"{kafka.GroupId}.watermarks"; // never joins: it only assigns partitions by hand
        consumerConfig.EnablePartitionEof = false;
        _consumer = new(() => new ConsumerBuilder<byte[]?, byte[]?>(consumerConfig).LoggingTo(logger).Build());
        // Reading at a log start that retention has just moved makes the client reset its offset, and warn: routine here.
        // A client of its own: one busy resetting answers the watermark queries of the next refresh late.
        _startReader = new(() => new ConsumerBuilder<byte[]?, byte[]?>(consumerConfig).LoggingTo(logger, "OFFSET").Build());
        // Metadata through the consumer's own connection: a consumer asks without allowing the broker to create a topic it
        // names, so a misspelt topic is reported missing instead of being created on a cluster that creates topics on demand.
        _admin = new(() => new DependentAdminClientBuilder(_consumer.Value.Handle).Build());
    }

    public IReadOnlyCollection<LogWatermarks> Current => _watermarks.Values.ToArray();

    public LogWatermarks? For(PartitionId partition) => _watermarks.GetValueOrDefault(partition);

    /// <summary>The configured topics the cluster did not have at the last refresh, in configuration order.</summary>
    public IReadOnlyList<string> MissingTopics => [.. _kafka.Topics.Where(_missingTopics.ContainsKey)];

    /// <summary>The topic's partition count, once it has been read from the cluster's metadata.</summary>
    public int? PartitionCount(string topic) => _partitionCounts.TryGetValue(topic, out var count) ? count : null;

    /// <summary>Reads every partition's watermarks now. Safe to call from any thread.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            await Task.Run(Refresh, cancellationToken);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private void Refresh()
    {
        var startsToRead = new List<LogWatermarks>();
        foreach (var topic in _kafka.Topics)
        {
            var metadata = _admin.Value.GetMetadata(topic, QueryTimeout).Topics.SingleOrDefault(t => t.Topic == topic);
            NoteWhetherMissing(topic, metadata);
            if (metadata is null || metadata.Error.IsError || metadata.Partitions.Count == 0)
                continue;
            _partitionCounts[topic] = metadata.Partitions.Count;
            foreach (var partition in metadata.Partitions)
            {
                var id = new PartitionId(topic, partition.PartitionId);
                var offsets = _consumer.Value.QueryWatermarkOffsets(new TopicPartition(topic, partition.PartitionId), QueryTimeout);
                var previous = _watermarks.GetValueOrDefault(id);
                // The start time carries over while the start has not moved; otherwise it is unknown until read below.
                var startTime = previous is not null && previous.LogStartOffset == offsets.Low.Value ? previous.LogStartTime : null;
                var current = new LogWatermarks(id, offsets.Low.Value, offsets.High.Value, startTime, DateTimeOffset.UtcNow);
                _watermarks[id] = current;
                if (startTime is null && current.LogStartOffset < current.LogEndOffset)
                    startsToRead.Add(current);
            }
        }
        ReadStartTimes(startsToRead);
    }

    /// <summary>
    /// A configured topic the cluster does not know is projected by no one and answers for nothing: said loudly once, not
    /// every refresh, and again when it appears.
    /// </summary>
    private void NoteWhetherMissing(string topic, TopicMetadata? metadata)
    {
        if (metadata?.Error.Code == ErrorCode.UnknownTopicOrPart)
        {
            if (_missingTopics.TryAdd(topic, 0))
                _logger.LogWarning("Topic {Topic} (Factline:Kafka:Topics) does not exist in the Kafka cluster: nothing of it is projected, and answers cover only the other topics, until it is created", topic);
        }
        else if (metadata is { Error.IsError: false } && _missingTopics.TryRemove(topic, out _))
        {
            _logger.LogInformation("Topic {Topic} exists now", topic);
        }
    }

    /// <summary>Reads the start times not known yet, within <see cref="StartTimeBudget"/>; the rest wait for a later refresh.</summary>
    private void ReadStartTimes(IEnumerable<LogWatermarks> unknown)
    {
        var spent = Stopwatch.StartNew();
        foreach (var watermarks in unknown)
        {
            var left = StartTimeBudget - spent.Elapsed;
            if (left <= TimeSpan.Zero)
                return;
            var first = new TopicPartitionOffset(watermarks.Partition.Topic, watermarks.Partition.Partition, watermarks.LogStartOffset);
            if (ReadTimestampAt(first, left) is { } time)
                _watermarks.TryUpdate(watermarks.Partition, watermarks with { LogStartTime = time }, watermarks);
        }
    }

    /// <summary>
    /// The broker time of the record at <paramref name="first"/>, the log start: "history starts here". Null when it could
    /// not be read in time, or retention had already deleted it (the client then reads from a later start).
    /// </summary>
    private DateTimeOffset? ReadTimestampAt(TopicPartitionOffset first, TimeSpan timeout)
    {
        var consumer = _startReader.Value;
        consumer.Assign(first);
        try
        {
            var record = consumer.Consume(timeout);
            return record?.Message is null || record.Offset != first.Offset ? null : KafkaLogPosition.Of(record).BrokerTimestamp;
        }
        finally
        {
            consumer.Unassign();
        }
    }

    public void Dispose()
    {
        // The admin client works on the consumer's handle: it goes first.
        if (_admin.IsValueCreated)
            _admin.Value.Dispose();
        if (_consumer.IsValueCreated)
            _consumer.Value.Dispose();
        if (_startReader.IsValueCreated)
            _startReader.Value.Dispose();
        _refreshing.Dispose();
    }
}
