using Factline.Envelope;

namespace Factline.Simulator.Traffic;

/// <summary>A fact waiting to be sent; the last fact of its transaction closes it.</summary>
internal readonly record struct PendingFact(Fact Fact, bool ClosesTransaction);

/// <summary>
/// Decides, on a clock that starts at zero, when each transaction starts (from the rate) and when each of
/// its facts is due (start + the fact's time since the transaction started). Facts of overlapping
/// transactions interleave in the order they happen. Pure: the caller supplies the time.
/// </summary>
internal sealed class PacedSchedule(FlowGenerator generator, TrafficOptions options)
{
    private readonly PriorityQueue<PendingFact, (TimeSpan Due, long Order)> _pending = new();
    private TimeSpan _nextStart = TimeSpan.Zero;
    private long _started;
    private long _order;

    /// <summary>When something next becomes due (a fact, or the start of a transaction); null once everything is sent.</summary>
    public TimeSpan? NextDue
    {
        get
        {
            TimeSpan? next = _pending.TryPeek(out _, out var key) ? key.Due : null;
            return CanStartMore && (next is null || _nextStart < next) ? _nextStart : next;
        }
    }

    /// <summary>Takes the earliest fact due at or before <paramref name="now"/>, starting every transaction due by then.</summary>
    public bool TryTakeDue(TimeSpan now, out PendingFact fact)
    {
        StartDueTransactions(now);
        if (_pending.TryPeek(out fact, out var key) && key.Due <= now)
        {
            _pending.Dequeue();
            return true;
        }
        fact = default;
        return false;
    }

    private bool CanStartMore => options.MaxTransactions is not { } max || _started < max;

    private void StartDueTransactions(TimeSpan now)
    {
        while (CanStartMore && _nextStart <= now)
        {
            var transaction = generator.Next();
            for (var i = 0; i < transaction.Facts.Count; i++)
            {
                var (fact, sinceStart) = transaction.Facts[i];
                _pending.Enqueue(new PendingFact(fact, ClosesTransaction: i == transaction.Facts.Count - 1), (_nextStart + sinceStart, _order++));
            }
            _started++;
            _nextStart += Spacing(transaction);
        }
    }

    /// <summary>The time until the next transaction starts: one rate unit's worth for this transaction.</summary>
    private TimeSpan Spacing(SimulatedTransaction transaction)
    {
        var units = options.Unit == RateUnit.Facts ? transaction.Facts.Count : 1;
        return TimeSpan.FromSeconds(units / options.RatePerSecond);
    }
}
