using Confluent.Kafka;
using Factline.Kafka;
using Factline.Projection.Rebuild;
using Factline.Projection.Replay;
using Factline.Storage;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Factline.Projection;

/// <summary>
/// Reads the fact topics and applies them to a projection store in batches. The store, not Kafka,
/// holds the bookmark: on every assignment the projector resumes from the store's next offset, so a
/// crash loses nothing (uncommitted batches are re-read) and doubles nothing (rows and bookmark
/// commit together). A configured start position moves the first read of each partition in a run.
/// </summary>
public sealed class Projector
{
    private static readonly TimeSpan WatermarkTimeout = TimeSpan.FromSeconds(10);

    private readonly KafkaOptions _kafka;
    private readonly ProjectorOptions _options;
    private readonly StartPosition _start;
    private readonly IOffsetsForTimes _offsetsForTimes;
    private readonly IProjectionWriter _store;
    private readonly RecordDecoder _decoder;
    private readonly ILogger _logger;
    private readonly PendingBatch _pending = new();
    private readonly PauseGate _pause = new();
    private readonly ResiliencePipeline _applyRetry;

    /// <summary>Partitions already started in this run: a later assignment resumes them from the bookmark, not from the start position.</summary>
    private readonly HashSet<PartitionId> _started = [];

    /// <exception cref="FormatException"><see cref="ProjectorOptions.StartFrom"/> is not a start position.</exception>
    public Projector(KafkaOptions kafka, ProjectorOptions options, IProjectionWriter store, IOffsetsForTimes offsetsForTimes, ILogger<Projector> logger)
    {
        _kafka = kafka;
        _options = options;
        _start = StartPosition.Parse(options.StartFrom);
        _offsetsForTimes = offsetsForTimes;
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

    /// <summary>Consumes as a member of the consumer group until cancelled. Applies what it has read before returning.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        ConsumeAsync(_kafka.GroupId, consumer => consumer.Subscribe(_kafka.Topics), cancellationToken);

    /// <summary>
    /// Reads exactly <paramref name="partitions"/>, assigned by hand: no group membership, no rebalances,
    /// nothing taken from the group's other members. What a rebuild's shadow projection needs.
    /// </summary>
    public Task RunOnPartitionsAsync(IReadOnlyCollection<PartitionId> partitions, CancellationToken cancellationToken) =>
        ConsumeAsync($"{_kafka.GroupId}.unassigned", consumer => consumer.Assign(StartPartitions(consumer, partitions)), cancellationToken);

    /// <summary>
    /// Stops applying: completes once what was read is applied and the projector stands still (at once
    /// when it is not running). Disposing the result lets it go on, from the bookmarks of whatever store
    /// it writes to by then.
    /// </summary>
    public Task<IAsyncDisposable> PauseAsync(CancellationToken cancellationToken = default) => _pause.PauseAsync(cancellationToken);

    private async Task ConsumeAsync(string groupId, Action<IConsumer<byte[]?, byte[]?>> start, CancellationToken cancellationToken)
    {
        using var consumer = BuildConsumer(groupId);
        _pause.LoopStarted();
        try
        {
            start(consumer);
            while (!cancellationToken.IsCancellationRequested)
            {
                if (_pause.Requested is { } pause)
                {
                    await HoldAsync(consumer, pause, cancellationToken);
                    continue;
                }
                var record = consumer.Consume(TimeUntilFlush());
                if (record is { IsPartitionEOF: false })
                {
                    var position = KafkaLogPosition.Of(record);
                    // Retention may have moved on since this record was fetched: only the records before it can be lost.
                    if (position.Offset > _pending.ExpectedNext(position.PartitionId))
                        NoteRetentionLoss(position.PartitionId, Math.Min(position.Offset, Watermarks(consumer, position.PartitionId).Low.Value));
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
            _pause.LoopEnded();
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

    /// <summary>
    /// Applies what was read, stands still while paused, then goes on from the store's bookmarks: the
    /// store may be another one by then (a rebuild swapped it), whose bookmarks are at or past ours.
    /// </summary>
    private async Task HoldAsync(IConsumer<byte[]?, byte[]?> consumer, PauseGate.Pause pause, CancellationToken cancellationToken)
    {
        if (!_pending.IsEmpty)
            await ApplyPendingAsync(cancellationToken);
        await _pause.HoldAsync(pause, cancellationToken);

        var bookmarks = await _store.ReadBookmarksAsync(cancellationToken);
        foreach (var assigned in consumer.Assignment)
        {
            var id = new PartitionId(assigned.Topic, assigned.Partition.Value);
            _pending.Resume(bookmarks.GetValueOrDefault(id, new Bookmark(id, 0)));
            consumer.Seek(new TopicPartitionOffset(assigned, new Offset(_pending.ExpectedNext(id))));
        }
    }

    private IConsumer<byte[]?, byte[]?> BuildConsumer(string groupId)
    {
        var config = KafkaClientConfigs.ForConsumer(_kafka);
        config.GroupId = groupId;
        return new ConsumerBuilder<byte[]?, byte[]?>(config)
            .SetPartitionsAssignedHandler((consumer, partitions) =>
                StartPartitions(consumer, [.. partitions.Select(p => new PartitionId(p.Topic, p.Partition.Value))]))
            .SetPartitionsRevokedHandler((_, partitions) => _pending.Forget(partitions.Select(p => new PartitionId(p.Topic, p.Partition.Value)).ToArray()))
            .SetPartitionsLostHandler((_, partitions) => _pending.Forget(partitions.Select(p => new PartitionId(p.Topic, p.Partition.Value)).ToArray()))
            .SetErrorHandler((_, error) => _logger.LogWarning("Kafka: {Reason} ({Code})", error.Reason, error.Code))
            .Build();
    }

    /// <summary>
    /// Where each newly assigned partition starts: at the store's bookmark (offset 0 when there is none),
    /// or, the first time in this run, where the start position says. When retention has already deleted
    /// records from the bookmark on, the loss is recorded before reading on.
    /// </summary>
    private List<TopicPartitionOffset> StartPartitions(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyCollection<PartitionId> partitions)
    {
        var bookmarks = _store.ReadBookmarksAsync().GetAwaiter().GetResult();
        var requested = _start.Resolve([.. partitions.Where(p => !_started.Contains(p))], _offsetsForTimes);
        var starts = new List<TopicPartitionOffset>(partitions.Count);
        foreach (var partition in partitions)
        {
            _started.Add(partition);
            _pending.Resume(bookmarks.GetValueOrDefault(partition, new Bookmark(partition, 0)));
            var log = Watermarks(consumer, partition);
            NoteRetentionLoss(partition, log.Low.Value);
            var next = requested.TryGetValue(partition, out var offset) ? StartAt(partition, offset, log) : _pending.ExpectedNext(partition);
            _logger.LogInformation("Projecting {Partition} from offset {Offset}", partition, next);
            starts.Add(new TopicPartitionOffset(partition.Topic, partition.Partition, next));
        }
        return starts;
    }

    /// <summary>
    /// A requested start, kept within the retained log. Starting below the bookmark re-reads records
    /// the store already holds (its dedup by eventId absorbs them); starting beyond it leaves records
    /// unread, which the bookmark records as a history gap so that no answer pretends to cover them.
    /// </summary>
    private long StartAt(PartitionId partition, long requested, WatermarkOffsets log)
    {
        var start = Math.Clamp(requested, log.Low.Value, log.High.Value);
        var expected = _pending.ExpectedNext(partition);
        if (start > expected)
        {
            _logger.LogWarning("Starting {Partition} at offset {Start} as configured: offsets {From}..{To} are skipped and recorded as a history gap",
                partition, start, expected, start - 1);
            _pending.RecordLoss(partition, start);
        }
        return start;
    }

    /// <summary>
    /// Offsets may skip legitimately (transaction markers, compaction); only a log start beyond the
    /// expected offset means records were deleted unread.
    /// </summary>
    private void NoteRetentionLoss(PartitionId partition, long logStart)
    {
        var expected = _pending.ExpectedNext(partition);
        if (logStart <= expected)
            return;
        _logger.LogError("History gap in {Partition}: offsets {From}..{To} were deleted by retention before they were read",
            partition, expected, logStart - 1);
        _pending.RecordLoss(partition, logStart);
    }

    private static WatermarkOffsets Watermarks(IConsumer<byte[]?, byte[]?> consumer, PartitionId partition) =>
        consumer.QueryWatermarkOffsets(new TopicPartition(partition.Topic, partition.Partition), WatermarkTimeout);
}
