using System.Text;
using Factline.Envelope;
using Factline.Storage;
using Factline.Timelines;

namespace Factline.Tests.Timelines;

/// <summary>
/// Writes one transaction's records the way Kafka would hold them: one partition, offsets in append
/// order, a broker time on each. Times are milliseconds after <see cref="Start"/>; a fact's producer
/// time and broker time are given apart, so producer clocks can disagree with the log.
/// </summary>
internal sealed class TransactionLog(
    string correlationId, string eventType = "ProductOrderCreateEvent", string topic = "tmf.facts", int partition = 3, long firstOffset = 40)
{
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 10, 15, 30, TimeSpan.Zero);

    private readonly List<StoredFact> _facts = [];
    private readonly List<QuarantineEntry> _quarantined = [];
    private long _nextOffset = firstOffset;

    public string CorrelationId { get; } = correlationId;

    public IReadOnlyList<StoredFact> Facts => _facts;

    public IReadOnlyList<QuarantineEntry> Quarantined => _quarantined;

    /// <summary>The broker time of the newest record appended so far.</summary>
    public DateTimeOffset NewestBrokerTime { get; private set; } = Start;

    public static DateTimeOffset At(double ms) => Start.AddMilliseconds(ms);

    public TransactionLog Ingress(double at, string stage = "ingress.http", double? brokerAt = null) =>
        Append(new Fact
        {
            EventId = NextEventId(),
            CorrelationId = CorrelationId,
            MessageId = $"msg-{CorrelationId}",
            RecordType = RecordType.Ingress,
            EventType = eventType,
            Stage = stage,
            Outcome = Outcome.Success,
            Timestamp = At(at),
        }, brokerAt ?? at + 2);

    public TransactionLog Execution(string stage, Outcome outcome, double at, int attempt = 1, FactError? error = null, double? brokerAt = null) =>
        Append(new Fact
        {
            EventId = NextEventId(),
            CorrelationId = CorrelationId,
            RecordType = RecordType.Execution,
            EventType = eventType,
            Stage = stage,
            Outcome = outcome,
            Attempt = attempt,
            Timestamp = At(at),
            Error = error,
        }, brokerAt ?? at + 2);

    /// <summary>One attempt as services record it: IN_PROGRESS when it starts, then how it ended.</summary>
    public TransactionLog Attempt(string stage, double startAt, double endAt, Outcome outcome = Outcome.Success, int attempt = 1, FactError? error = null) =>
        Execution(stage, Outcome.InProgress, startAt, attempt).Execution(stage, outcome, endAt, attempt, error);

    /// <summary>A record with this transaction's key that the projector quarantined.</summary>
    public TransactionLog Unreadable(double brokerAt, QuarantineReason reason = QuarantineReason.InvalidJson, string detail = "not valid JSON (line 1, byte 87)")
    {
        var raw = Encoding.UTF8.GetBytes($$"""{"eventId":"broken","correlationId":"{{CorrelationId}}","stage":"adapter.billing",""");
        _quarantined.Add(new QuarantineEntry(NextPosition(brokerAt), CorrelationId, reason, detail, raw, raw.Length));
        return this;
    }

    /// <summary>Offsets taken by records of other transactions (or transaction markers) in between.</summary>
    public TransactionLog Skip(int offsets)
    {
        _nextOffset += offsets;
        return this;
    }

    public TimelineInput Input(DateTimeOffset? logClock) =>
        new(CorrelationId) { Facts = [.. _facts], Quarantined = [.. _quarantined], LogClock = logClock };

    /// <summary>The input as the log stands when the newest record read is <paramref name="msAfterLastRecord"/> after this transaction's last one.</summary>
    public TimelineInput InputAfter(double msAfterLastRecord) => Input(NewestBrokerTime.AddMilliseconds(msAfterLastRecord));

    private TransactionLog Append(Fact fact, double brokerAt)
    {
        _facts.Add(new StoredFact(fact, NextPosition(brokerAt)));
        return this;
    }

    private LogPosition NextPosition(double brokerAt)
    {
        var brokerTime = At(brokerAt);
        NewestBrokerTime = brokerTime > NewestBrokerTime ? brokerTime : NewestBrokerTime;
        return new LogPosition(topic, partition, _nextOffset++, brokerTime);
    }

    private string NextEventId() => $"{CorrelationId}-{_facts.Count + 1:D2}";
}
