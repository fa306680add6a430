using System.Diagnostics;
using System.Runtime.InteropServices;
using Confluent.Kafka;
using Factline.Kafka;
using Factline.Projection.DeadLetters;
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
/// Reading and applying overlap: while the store applies one batch, the loop reads and decodes the next;
/// batches go in one at a time, in order, so at most two batches are held in memory.
/// </summary>
public sealed class Projector
{
    private static readonly TimeSpan WatermarkTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How often a projector with partitions paused for a replaced log asks whether another instance rebuilt the store.</summary>
    private static readonly TimeSpan RebuildProbeInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a stopping projector may spend applying what it read (well within the host's 30 s shutdown timeout): a
    /// store that does not take it by then leaves it to be read again, from the bookmarks, on the next start.
    /// </summary>
    private static readonly TimeSpan FinalApplyTimeout = TimeSpan.FromSeconds(10);

    private readonly KafkaOptions _kafka;
    private readonly ProjectorOptions _options;
    private readonly StartPosition _start;
    private readonly IOffsetsForTimes _offsetsForTimes;
    private readonly IProjectionWriter _store;
    private readonly RecordDecoder _decoder;
    private readonly ILogger _logger;
    private readonly ValueArena _values = new();
    private readonly PendingBatch _pending;
    private readonly PauseGate _pause = new();
    private readonly ResiliencePipeline _applyRetry;
    private readonly MisplacedFactReporter _misplaced;
    private readonly Action<IReadOnlyList<QuarantineEntry>>? _forwardDeadLetters;

    /// <summary>Partitions already started in this run: a later assignment resumes them from the bookmark, not from the start position.</summary>
    private readonly HashSet<PartitionId> _started = [];

    /// <summary>Partitions paused because a newer owner claimed them; resumed when Kafka assigns them to this instance again.</summary>
    private readonly HashSet<PartitionId> _fenced = [];

    /// <summary>Fenced partitions assigned again, to resume once the assignment is in place (after the rebalance callback).</summary>
    private readonly List<PartitionId> _reassigned = [];

    /// <summary>The offset the consumer should deliver next in each partition read: a record below it means the log went back.</summary>
    private readonly Dictionary<PartitionId, long> _consumerNext = [];

    /// <summary>Partitions whose log was replaced under the projection: paused, their records no longer read in this run.</summary>
    private readonly HashSet<PartitionId> _replaced = [];

    /// <summary>Replaced partitions to pause once the assignment is in place (after the rebalance callback).</summary>
    private readonly List<PartitionId> _toPause = [];

    /// <summary>Partitions started at their last read record, to check it is still there before reading on.</summary>
    private readonly LastReadChecks _lastReadChecks = new();

    /// <summary>The apply of the sealed batch, running beside the loop; null when none is in flight.</summary>
    private InFlight? _applying;

    /// <summary>The store failed a batch after every retry: the loop ends with that failure, without trying the batch again.</summary>
    private bool _storeGaveUp;

    /// <summary>When the store was last asked whether it was rebuilt elsewhere (see <see cref="ProbeForRebuildAsync"/>).</summary>
    private long _rebuildProbedAt;

    /// <param name="deadLetters">Where quarantined records are also passed on, before their batch commits; nowhere when null.</param>
    /// <exception cref="FormatException"><see cref="ProjectorOptions.StartFrom"/> is not a start position.</exception>
    public Projector(KafkaOptions kafka, ProjectorOptions options, IProjectionWriter store, IOffsetsForTimes offsetsForTimes, ILogger<Projector> logger,
        IDeadLetterSink? deadLetters = null)
    {
        _forwardDeadLetters = deadLetters is null ? null : deadLetters.Forward;
        _kafka = kafka;
        _options = options;
        _start = StartPosition.Parse(options.StartFrom);
        _offsetsForTimes = offsetsForTimes;
        _store = store;
        _decoder = new RecordDecoder(options);
        _pending = new PendingBatch(_values);
        _logger = logger;
        _misplaced = new MisplacedFactReporter(logger);
        _applyRetry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                // A refused stale batch is not a failure to retry: another instance owns those partitions now.
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not (OperationCanceledException or StaleOwnerException or ProjectionReplacedException)),
                MaxRetryAttempts = options.ApplyRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(200),
                OnRetry = args =>
                {
                    Statistics.RecordRetry(args.Outcome.Exception?.Message ?? "no reason given");
                    // One line per attempt: the stack trace comes once, with the failure that ends the retries.
                    logger.LogWarning("Applying a batch failed (attempt {Attempt}): {Reason}; retrying in {Delay}",
                        args.AttemptNumber + 1, args.Outcome.Exception?.Message, args.RetryDelay);
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

    private async Task ConsumeAsync(string groupId, Action<IConsumer<byte[]?, ReadOnlyMemory<byte>>> start, CancellationToken cancellationToken)
    {
        using var consumer = BuildConsumer(groupId);
        _storeGaveUp = false;
        _pause.LoopStarted();
        try
        {
            start(consumer);
            while (!cancellationToken.IsCancellationRequested)
            {
                if (_applying is { Apply.IsCompleted: true })
                    await SettleAsync(consumer, cancellationToken);
                if (_pause.Requested is { } pause)
                {
                    await HoldAsync(consumer, pause, cancellationToken);
                    continue;
                }
                if (_replaced.Count > 0)
                    await ProbeForRebuildAsync(consumer, cancellationToken);
                var record = consumer.Consume(TimeUntilFlush());
                ResumeReassigned(consumer);
                PauseReplaced(consumer);
                if (record is { IsPartitionEOF: false })
                    Read(consumer, record);
                if (ShouldApply(record) && !KeepFilling(record))
                    await StartApplyAsync(consumer, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (!_storeGaveUp)
                await ApplyBeforeStoppingAsync(consumer);
            consumer.Close();
            _pause.LoopEnded();
        }
    }

    /// <summary>
    /// Applies what was read before the loop ends, within <see cref="FinalApplyTimeout"/>. What the store does not take
    /// is not lost: its bookmarks still point before it, so the next start reads it again; the log says so.
    /// </summary>
    private async Task ApplyBeforeStoppingAsync(IConsumer<byte[]?, ReadOnlyMemory<byte>> consumer)
    {
        using var timeout = new CancellationTokenSource(FinalApplyTimeout);
        try
        {
            await ApplyPendingAsync(consumer, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            _logger.LogWarning("Stopping with {Records} records read but not applied: the store did not take them within {Timeout} s; " +
                "the next start reads them again from its bookmarks", _pending.Count, FinalApplyTimeout.TotalSeconds);
        }
        catch (Exception e) when (e is not (StaleOwnerException or ProjectionReplacedException))
        {
            _logger.LogWarning(e, "Stopping with {Records} records read but not applied: the store refused them ({Reason}); " +
                "the next start reads them again from its bookmarks", _pending.Count, e.Message);
        }
    }

    private void Read(IConsumer<byte[]?, ReadOnlyMemory<byte>> consumer, ConsumeResult<byte[]?, ReadOnlyMemory<byte>> record)
    {
        var position = KafkaLogPosition.Of(record);
        var partition = position.PartitionId;
        if (_replaced.Count > 0 && _replaced.Contains(partition))
            return; // fetched before the pause took effect
        if (_lastReadChecks.TryTake(partition, out var check) && IsLastRead(consumer, record, partition, check))
            return; // in the store already
        // One lookup for the check and the update: this runs for every record.
        ref var consumerNext = ref CollectionsMarshal.GetValueRefOrAddDefault(_consumerNext, partition, out _);
        if (position.Offset < consumerNext)
        {
            // The client starts over from the log start when its position is beyond the log end: the log went back.
            NoteLogReplaced(partition, Watermarks(consumer, partition).Low.Value, $"went back to offset {position.Offset}");
            return;
        }
        // Retention may have moved on since this record was fetched: only the records before it can be lost.
        if (position.Offset > _pending.ExpectedNext(partition))
            NoteRetentionLoss(partition, Math.Min(position.Offset, Watermarks(consumer, partition).Low.Value));
        var outcome = _decoder.Decode(record);
        var misplaced = outcome.Fact is { } fact && _misplaced.IsMisplaced(fact);
        _pending.Add(outcome, position, KafkaRecordFingerprint.Of(record), misplaced);
        consumerNext = position.Offset + 1;
    }

    /// <summary>
    /// The first record of a partition started at its last read record (see <see cref="LastReadChecks"/>): when it is that
    /// record, reading goes on where the bookmark says. Another record there means the log was replaced while nobody read
    /// it. A record past it, with the log start past it too, means retention deleted it since the start: nothing to
    /// compare with, and reading goes on as if it had started where it was to go on.
    /// </summary>
    /// <returns>Whether to drop the record: it is the one read before (in the store already), or not to be read.</returns>
    private bool IsLastRead(
        IConsumer<byte[]?, ReadOnlyMemory<byte>> consumer, ConsumeResult<byte[]?, ReadOnlyMemory<byte>> record, PartitionId partition, LastReadCheck check)
    {
        var (offset, expected, resumeAt) = (record.Offset.Value, check.Expected.Offset, check.ResumeAt);
        if (offset == expected && KafkaRecordFingerprint.Of(record) == check.Expected)
            return SeekUnlessNext(consumer, partition, resumeAt, offset + 1);
        var logStart = Watermarks(consumer, partition).Low.Value;
        if (offset > expected && logStart > expected)
            return offset < resumeAt && SeekUnlessNext(consumer, partition, resumeAt, offset + 1);
        NoteLogReplaced(partition, logStart, offset == expected
            ? $"holds another record at offset {expected} than the one this projection read there"
            : $"no longer holds the record this projection read at offset {expected}");
        return true;
    }

    /// <summary>Has the partition read on at <paramref name="offset"/>, seeking there unless that is where the consumer stands.</summary>
    /// <returns>Always true: what the consumer delivered before the seek is dropped.</returns>
    private bool SeekUnlessNext(IConsumer<byte[]?, ReadOnlyMemory<byte>> consumer, PartitionId partition, long offset, long consumerPosition)
    {
        _consumerNext[partition] = offset;
        if (offset != consumerPosition)
            consumer.Seek(new TopicPartitionOffset(ToKafka(partition), new Offset(offset)));
        return true;
    }

    /// <summary>
    /// The partition's log holds other records at offsets this projection has read past: the topic was deleted and created
    /// again, or truncated (an unclean leader election). Its records cannot be placed beside those read from the log that
    /// was there before, so the partition is paused and the unread offsets recorded as a history gap, with the bookmark
    /// marked (every start keeps it paused) until a rebuild reads the log as it is now.
    /// </summary>
    private void NoteLogReplaced(PartitionId partition, long logStart, string what)
    {
        var expected = _pending.ExpectedNext(partition);
        _logger.LogError("The log of {Partition} {What}: the topic was created again or truncated under this projection, whose bookmark there is {Bookmark}. " +
            "Its offsets {Start}..{Last}, which the log holds now or will hold, are not read into this view (a history gap), and the partition is paused " +
            "until a rebuild has read the log as it is now (factline rebuild)",
            partition, what, expected, logStart, expected - 1);
        _pending.RecordLogReplaced(partition, logStart);
        _replaced.Add(partition);
        _toPause.Add(partition);
    }

    private void PauseReplaced(IConsumer<byte[]?, ReadOnlyMemory<byte>> consumer)
    {
        if (_toPause.Count == 0)
            return;
        consumer.Pause(_toPause.Select(ToKafka));
        _toPause.Clear();
    }

    /// <summary>Apply when the batch is full, has waited long enough, or the log has nothing more right now.</summary>
    private bool ShouldApply(ConsumeResult<byte[]?, ReadOnlyMemory<byte>>? lastRead) =>
        !_pending.IsEmpty
        && (_pending.Count >= _options.MaxBatchSize || lastRead is null || lastRead.IsPartitionEOF || TimeUntilFlush() == TimeSpan.Zero);

    /// <summary>
    /// While the store is still busy with the batch before, a due batch that has room goes on filling as
    /// records keep coming: waiting would only make the next batch smaller.
    /// </summary>
    private bool KeepFilling(ConsumeResult<byte[]?, ReadOnlyMemory<byte>>? lastRead) =>
        _applying is { Apply.IsCompleted: false } && _pending.Count < _options.MaxBatchSize && lastRead is { IsPartitionEOF: false };

    private TimeSpan TimeUntilFlush()
    {
        // With a batch in flight the loop comes back soon to settle it; otherwise it waits for records.
        if (_pending.IsEmpty)
            return _applying is null ? TimeSpan.FromMilliseconds(500) : _options.MaxBatchDelay;
        var left = _options.MaxBatchDelay - (DateTime.UtcNow - _pending.FirstRecordAt);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>
    /// Seals what was read and starts applying it beside the loop, once the batch before it is settled:
    /// one batch in flight at most, applied in the order it was read.
    /// </summary>
    private async Task StartApplyAsync(IConsumer<byte[]?, ReadOnlyMemory<byte>> consumer, CancellationToken cancellationToken)
    {
        await SettleAsync(consumer, cancellationToken);
        if (!_pending.IsEmpty)
            Apply(_pending.Seal(), cancellationToken);
    }

    /// <summary>Applies everything read so far and waits until it is in the store.</summary>
    private async Task ApplyPendingAsync(IConsumer<byte[]?, ReadOnlyMemory<byte>> consumer, CancellationToken cancellationToken)
    {
        await SettleAsync(consumer, cancellationToken);
        while (!_pending.IsEmpty)
        {
            Apply(_pending.Seal(), cancellationToken);
            await SettleAsync(consumer, cancellationToken);
        }
    }

    /// <summary>Runs the apply on the thread pool: the stores do their work synchronously, and the loop must go on reading.</summary>
    private void Apply(ProjectionBatch batch, CancellationToken cancellationToken) =>
        _applying = new InFlight(Task.Run(async () =>
        {
            // The store applies a batch atomically, so a failed attempt left nothing behind and can simply be repeated.
            var started = Stopwatch.GetTimestamp();
            var applied = _forwardDeadLetters is null ? batch : batch with { BeforeCommit = _forwardDeadLetters };
            var result = await _applyRetry.ExecuteAsync(ct => new ValueTask<ApplyResult>(_store.ApplyAsync(applied, ct)), cancellationToken);
            Statistics.Record(batch, result, Stopwatch.GetElapsedTime(started));
        }, CancellationToken.None), cancellationToken);

    /// <summary>
    /// Waits for the batch in flight and takes in its outcome. When the store refused it because another
    /// instance has claimed some of its partitions (this one has lost them, and the rebalance has not told
    /// it yet), the records of those partitions are dropped, the partitions paused, and the rest of the
    /// batch applied again. Any other failure puts the batch back in front of what was read since.
    /// </summary>
    private async Task SettleAsync(IConsumer<byte[]?, ReadOnlyMemory<byte>> consumer, CancellationToken cancellationToken)
    {
        while (_applying is { } applying)
        {
            _applying = null;
            try
            {
                await applying.Apply;
                _pending.MarkApplied();
            }
            catch (StaleOwnerException stale)
            {
                Fence(consumer, stale.Partitions);
                if (_pending.ResealRest() is { } rest)
                    Apply(rest, cancellationToken);
            }
            catch (OperationCanceledException) when (applying.Token.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // Stopped by the loop's token; settled on the way out, where everything read is applied without it.
                _pending.Unseal();
            }
            catch (ProjectionReplacedException replaced)
            {
                _pending.Unseal();
                _logger.LogWarning("{Reason}: dropping {Records} records read and reading on from the rebuilt view's bookmarks", replaced.Message, _pending.Count);
                await ReclaimAsync(consumer, cancellationToken);
            }
            catch (Exception e)
            {
                _pending.Unseal();
                // A stop that came while the loop waited for the apply is not the store giving up: what was read is still applied on the way out.
                _storeGaveUp = e is not OperationCanceledException;
                throw;
            }
        }
    }

    /// <summary>
    /// A rebuild another instance ran replaces the store under this one; a batch of this one is then refused and it takes the
    /// rebuilt store over (<see cref="ReclaimAsync"/>). Partitions paused for a replaced log make no batches: while nothing else
    /// is being applied, an empty one every few seconds asks, so that they are read again once the store holds the log as it is.
    /// </summary>
    private async Task ProbeForRebuildAsync(IConsumer<byte[]?, ReadOnlyMemory<byte>> consumer, CancellationToken cancellationToken)
    {
        if (_applying is not null || !_pending.IsEmpty || Stopwatch.GetElapsedTime(_rebuildProbedAt) < RebuildProbeInterval)
            return;
        _rebuildProbedAt = Stopwatch.GetTimestamp();
        try
        {
            await _store.ApplyAsync(new ProjectionBatch([], [], []), cancellationToken);
        }
        catch (ProjectionReplacedException replaced)
        {
            _logger.LogInformation("{Reason}: reading on from the rebuilt view's bookmarks", replaced.Message);
            await ReclaimAsync(consumer, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only a question: a store that cannot answer now is asked again later, and its batches say so meanwhile.
            _logger.LogDebug("Could not ask the store whether it was rebuilt: {Reason}", e.Message);
        }
    }

    /// <summary>A rebalance callback may drop partitions only once the batch in flight is done with them; the loop settles its outcome later.</summary>
    private void WaitForApply() => _applying?.Apply.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();

    private void Fence(IConsumer<byte[]?, ReadOnlyMemory<byte>> consumer, IReadOnlyList<PartitionId> partitions)
    {
        var dropped = _pending.Forget(partitions);
        _logger.LogWarning("Another instance has claimed {Partitions}: {Dropped} records read for them are left to it, and they are paused until assigned here again",
            string.Join(", ", partitions), dropped);
        Statistics.RecordFenced(dropped);
        _fenced.UnionWith(partitions);
        consumer.Pause(partitions.Select(ToKafka));
    }

    /// <summary>A fenced partition that Kafka assigns to this instance again is claimed anew; reading resumes here.</summary>
    private void ResumeReassigned(IConsumer<byte[]?, ReadOnlyMemory<byte>> consumer)
    {
        if (_reassigned.Count == 0)
            return;
        consumer.Resume(_reassigned.Select(ToKafka));
        _reassigned.Clear();
    }

    private static TopicPartition ToKafka(PartitionId partition) => new(partition.Topic, partition.Partition);

    /// <summary>
    /// Applies what was read, stands still while paused, then goes on from the store's bookmarks: the
    /// store may be another one by then (a rebuild swapped it), whose bookmarks are at or past ours.
    /// </summary>
    private async Task HoldAsync(IConsumer<byte[]?, ReadOnlyMemory<byte>> consumer, PauseGate.Pause pause, CancellationToken cancellationToken)
    {
        await ApplyPendingAsync(consumer, cancellationToken);
        await _pause.HoldAsync(pause, cancellationToken);
        await ReclaimAsync(consumer, cancellationToken);
    }

    /// <summary>
    /// Claims the partitions this instance reads (not the fenced ones) in the store as it is now, drops
    /// whatever was read for them, and reads on from the store's bookmarks.
    /// </summary>
    private async Task ReclaimAsync(IConsumer<byte[]?, ReadOnlyMemory<byte>> consumer, CancellationToken cancellationToken)
    {
        var owned = consumer.Assignment.Select(p => new PartitionId(p.Topic, p.Partition.Value)).Where(p => !_fenced.Contains(p)).ToArray();
        _pending.Forget(owned);
        var claimed = await _store.ClaimAsync(owned, cancellationToken);
        foreach (var partition in owned)
        {
            _pending.Resume(claimed[partition]);
            var first = StartReading(consumer, partition, claimed[partition], requested: null);
            consumer.Seek(new TopicPartitionOffset(ToKafka(partition), new Offset(first)));
        }
    }

    /// <summary>
    /// Where the consumer starts reading a partition whose bookmark the store just gave (a start, or a rebuilt store taken
    /// over): at the bookmark, or a start position. Records retention deleted from the bookmark on are recorded lost. A log
    /// replaced under the projection (the bookmark says so, or the log ends before it) keeps the partition paused. Otherwise
    /// the consumer starts at the last record read, which the first record it delivers is checked against (see <see cref="IsLastRead"/>).
    /// </summary>
    private long StartReading(IConsumer<byte[]?, ReadOnlyMemory<byte>> consumer, PartitionId partition, Bookmark stored, long? requested)
    {
        var log = Watermarks(consumer, partition);
        NoteRetentionLoss(partition, log.Low.Value);
        var next = requested is { } offset ? StartAt(partition, offset, log) : _pending.ExpectedNext(partition);
        _lastReadChecks.Cancel(partition);
        if (stored.LogReplaced || log.High.Value < _pending.ExpectedNext(partition))
        {
            NoteLogReplaced(partition, log.Low.Value, stored.LogReplaced ? "was replaced, as its bookmark records" : $"ends at offset {log.High.Value}");
            // Paused: where it stands does not matter, as long as it is in the log (beyond it, the client resets it, and warns).
            var parked = Math.Clamp(next, log.Low.Value, log.High.Value);
            _consumerNext[partition] = parked;
            return parked;
        }
        if (_replaced.Remove(partition))
        {
            // A store taken over after a rebuild: its bookmark is of the log as it is now.
            _toPause.Remove(partition);
            consumer.Resume([ToKafka(partition)]);
            _logger.LogInformation("Projecting {Partition} again from offset {Offset}: the store now holds the log as it is", partition, next);
        }
        else
        {
            _logger.LogInformation("Projecting {Partition} from offset {Offset}", partition, next);
        }
        var first = _lastReadChecks.StartAt(partition, stored.LastRead, next, log.Low.Value, log.High.Value);
        _consumerNext[partition] = first;
        return first;
    }

    private IConsumer<byte[]?, ReadOnlyMemory<byte>> BuildConsumer(string groupId)
    {
        var config = KafkaClientConfigs.ForConsumer(_kafka);
        config.GroupId = groupId;
        return new ConsumerBuilder<byte[]?, ReadOnlyMemory<byte>>(config)
            .SetValueDeserializer(_values)
            .SetPartitionsAssignedHandler((consumer, partitions) =>
                StartPartitions(consumer, [.. partitions.Select(p => new PartitionId(p.Topic, p.Partition.Value))]))
            .SetPartitionsRevokedHandler((_, partitions) => Forget(partitions))
            .SetPartitionsLostHandler((_, partitions) => Forget(partitions))
            .LoggingTo(_logger)
            .Build();
    }

    private void Forget(IEnumerable<TopicPartitionOffset> partitions)
    {
        WaitForApply();
        var forgotten = partitions.Select(p => new PartitionId(p.Topic, p.Partition.Value)).ToArray();
        _pending.Forget(forgotten);
        foreach (var partition in forgotten)
        {
            _consumerNext.Remove(partition);
            _lastReadChecks.Cancel(partition);
            _replaced.Remove(partition);
            _toPause.Remove(partition);
        }
    }

    /// <summary>
    /// Claims each newly assigned partition in the store, which fences off its previous owner, and says
    /// where it starts: at the store's bookmark (offset 0 when there is none),
    /// or, the first time in this run, where the start position says. When retention has already deleted
    /// records from the bookmark on, the loss is recorded before reading on.
    /// </summary>
    private List<TopicPartitionOffset> StartPartitions(IConsumer<byte[]?, ReadOnlyMemory<byte>> consumer, IReadOnlyCollection<PartitionId> partitions)
    {
        var claimed = _store.ClaimAsync(partitions).GetAwaiter().GetResult();
        _misplaced.ReadPartitionCounts(consumer, partitions.Select(p => p.Topic).Distinct(), WatermarkTimeout);
        var requested = _start.Resolve([.. partitions.Where(p => !_started.Contains(p))], _offsetsForTimes);
        var starts = new List<TopicPartitionOffset>(partitions.Count);
        foreach (var partition in partitions)
        {
            _started.Add(partition);
            if (_fenced.Remove(partition))
                _reassigned.Add(partition);
            _pending.Resume(claimed[partition]);
            var first = StartReading(consumer, partition, claimed[partition], requested.TryGetValue(partition, out var offset) ? offset : null);
            starts.Add(new TopicPartitionOffset(partition.Topic, partition.Partition, first));
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

    private static WatermarkOffsets Watermarks(IConsumer<byte[]?, ReadOnlyMemory<byte>> consumer, PartitionId partition) =>
        consumer.QueryWatermarkOffsets(new TopicPartition(partition.Topic, partition.Partition), WatermarkTimeout);

    /// <summary>A batch's apply and the token it was started with.</summary>
    private sealed record InFlight(Task Apply, CancellationToken Token);
}
