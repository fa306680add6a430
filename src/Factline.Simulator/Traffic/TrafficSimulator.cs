namespace Factline.Simulator.Traffic;

/// <summary>
/// Sends generated transactions to a sink (Kafka, normally) at a pace, or as fast as the sink takes them,
/// until cancelled or a configured count is reached. Counters may be read from any thread while it runs.
/// </summary>
public sealed class TrafficSimulator
{
    private readonly FlowGenerator _generator;
    private readonly IFactSink _sink;
    private readonly TrafficOptions _options;
    private readonly TimeProvider _time;
    private long _factsProduced;
    private long _transactionsProduced;

    /// <param name="time">Paces the sending; the system clock by default.</param>
    public TrafficSimulator(FlowGenerator generator, IFactSink sink, TrafficOptions options, TimeProvider? time = null)
    {
        options.Validate();
        _generator = generator;
        _sink = sink;
        _options = options;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Facts handed to the sink so far.</summary>
    public long FactsProduced => Interlocked.Read(ref _factsProduced);

    /// <summary>Transactions whose every fact has been handed to the sink.</summary>
    public long TransactionsProduced => Interlocked.Read(ref _transactionsProduced);

    /// <summary>
    /// Runs until a limit is reached (then flushes the sink) or until cancelled (then returns without
    /// waiting for the sink: whoever owns it delivers or drops what is still queued when disposing it).
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            if (_options.IsPaced)
                await SendPacedAsync(cancellationToken);
            else
                await Task.Run(() => SendInBulk(cancellationToken), cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            _sink.Flush(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is what cancellation asks for; the counters say how far the run got.
        }
    }

    /// <summary>One whole transaction after another, with no waiting.</summary>
    private void SendInBulk(CancellationToken cancellationToken)
    {
        while (!TransactionLimitReached)
        {
            var facts = _generator.Next().Facts;
            for (var i = 0; i < facts.Count; i++)
            {
                if (MustStop(cancellationToken))
                    return;
                Send(new PendingFact(facts[i].Fact, ClosesTransaction: i == facts.Count - 1));
            }
        }
    }

    /// <summary>Each fact when it is due, transactions overlapping as they would in a live system.</summary>
    private async Task SendPacedAsync(CancellationToken cancellationToken)
    {
        var schedule = new PacedSchedule(_generator, _options);
        var startedAt = _time.GetTimestamp();
        while (true)
        {
            while (schedule.TryTakeDue(_time.GetElapsedTime(startedAt), out var fact))
            {
                if (MustStop(cancellationToken))
                    return;
                Send(fact);
            }
            if (schedule.NextDue is not { } due)
                return;
            var wait = due - _time.GetElapsedTime(startedAt);
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, _time, cancellationToken);
        }
    }

    private bool MustStop(CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested || _options.MaxFacts is { } max && FactsProduced >= max;

    private bool TransactionLimitReached => _options.MaxTransactions is { } max && TransactionsProduced >= max;

    private void Send(PendingFact pending)
    {
        _sink.Produce(pending.Fact);
        Interlocked.Increment(ref _factsProduced);
        if (pending.ClosesTransaction)
            Interlocked.Increment(ref _transactionsProduced);
    }
}
