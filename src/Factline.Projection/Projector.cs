using Confluent.Kafka;
using Factline.Kafka;
using Factline.Storage;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Factline.Projection;

/// <summary>
/// Reads the fact topics and applies them to a projection store in batches. The store, not Kafka,
/// holds the bookmark: on every assignment the projector resumes from the store's next offset, so a
/// crash loses nothing (uncommitted batches are re-read) and doubles nothing (rows and bookmark
/// commit together).
/// </summary>
public sealed class Projector
{
    private readonly KafkaOptions _kafka;
    private readonly ProjectorOptions _options;
    private readonly IProjectionWriter _store;
    private readonly RecordDecoder _decoder;
    private readonly ILogger _logger;
    private readonly PendingBatch _pending = new();
    private readonly ResiliencePipeline _applyRetry;

    public Projector(KafkaOptions kafka, ProjectorOptions options, IProjectionWriter store, ILogger<Projector> logger)
    {
        _kafka = kafka;
        _options = options;
        _store = store;
        _decoder = new RecordDecoder(options);
        _logger = logger;
        _applyRetry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                MaxRetryAttempts = options.ApplyRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(200),
                OnRetry = args =>
                {
                    logger.LogWarning(args.Outcome.Exception, "Applying a batch failed (attempt {Attempt}); retrying", args.AttemptNumber + 1);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>Running totals since this projector started, for status pages and tests.</summary>
    public ProjectorStatistics Statistics { get; } = new();

    /// <summary>Consumes until cancelled. Applies what it has read before returning.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var consumer = BuildConsumer();
        consumer.Subscribe(_kafka.Topics);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var record = consumer.Consume(TimeUntilFlush());
                if (record is { IsPartitionEOF: false })
                {
                    var position = KafkaLogPosition.Of(record);
                    if (position.Offset > _pending.ExpectedNext(position.PartitionId))
                        NoteSkippedOffsets(consumer, position.PartitionId);
                    _pending.Add(_decoder.Decode(record), position);
                }
                if (ShouldApply(record))
                    await ApplyPendingAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (!_pending.IsEmpty)
                await ApplyPendingAsync(CancellationToken.None);
            consumer.Close();
        }
    }

    /// <summary>Apply when the batch is full, has waited long enough, or the log has nothing more right now.</summary>
    private bool ShouldApply(ConsumeResult<byte[]?, byte[]?>? lastRead) =>
        !_pending.IsEmpty
        && (_pending.Count >= _options.MaxBatchSize || lastRead is null || lastRead.IsPartitionEOF || TimeUntilFlush() == TimeSpan.Zero);

    private TimeSpan TimeUntilFlush()
    {
        if (_pending.IsEmpty)
            return TimeSpan.FromMilliseconds(500);
        var left = _options.MaxBatchDelay - (DateTime.UtcNow - _pending.FirstRecordAt);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private async Task ApplyPendingAsync(CancellationToken cancellationToken)
    {
        var batch = _pending.ToBatch();
        // The store applies a batch atomically, so a failed attempt left nothing behind and can simply be repeated.
        var result = await _applyRetry.ExecuteAsync(ct => new ValueTask<ApplyResult>(_store.ApplyAsync(batch, ct)), cancellationToken);
        _pending.MarkApplied();
        Statistics.Record(batch, result);
    }

    private IConsumer<byte[]?, byte[]?> BuildConsumer() =>
        new ConsumerBuilder<byte[]?, byte[]?>(KafkaClientConfigs.ForConsumer(_kafka))
            .SetPartitionsAssignedHandler((consumer, partitions) => ResumeFromBookmarks(consumer, partitions))
            .SetPartitionsRevokedHandler((_, partitions) => _pending.Forget(partitions.Select(p => new PartitionId(p.Topic, p.Partition.Value)).ToArray()))
            .SetPartitionsLostHandler((_, partitions) => _pending.Forget(partitions.Select(p => new PartitionId(p.Topic, p.Partition.Value)).ToArray()))
            .SetErrorHandler((_, error) => _logger.LogWarning("Kafka: {Reason} ({Code})", error.Reason, error.Code))
            .Build();

    /// <summary>
    /// Starts each newly assigned partition at the store's bookmark (offset 0 when there is none). When
    /// retention has already deleted records from there on, the loss is recorded before reading on.
    /// </summary>
    private List<TopicPartitionOffset> ResumeFromBookmarks(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> partitions)
    {
        var bookmarks = _store.ReadBookmarksAsync().GetAwaiter().GetResult();
        var starts = new List<TopicPartitionOffset>(partitions.Count);
        foreach (var partition in partitions)
        {
            var id = new PartitionId(partition.Topic, partition.Partition.Value);
            _pending.Resume(bookmarks.GetValueOrDefault(id, new Bookmark(id, 0)));
            NoteSkippedOffsets(consumer, id);
            var next = _pending.ExpectedNext(id);
            _logger.LogInformation("Projecting {Partition} from offset {Offset}", id, next);
            starts.Add(new TopicPartitionOffset(partition, new Offset(next)));
        }
        return starts;
    }

    /// <summary>
    /// Offsets may skip legitimately (transaction markers, compaction); only a log start beyond the
    /// expected offset means records were deleted unread. Asked of the broker only when offsets skip.
    /// </summary>
    private void NoteSkippedOffsets(IConsumer<byte[]?, byte[]?> consumer, PartitionId partition)
    {
        var watermarks = consumer.QueryWatermarkOffsets(new TopicPartition(partition.Topic, partition.Partition), TimeSpan.FromSeconds(10));
        var expected = _pending.ExpectedNext(partition);
        if (watermarks.Low.Value <= expected)
            return;
        _logger.LogError("History gap in {Partition}: offsets {From}..{To} were deleted by retention before they were read",
            partition, expected, watermarks.Low.Value - 1);
        _pending.RecordLoss(partition, watermarks.Low.Value);
    }
}
