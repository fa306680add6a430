using System.Text.Json;
using Confluent.Kafka;
using Factline.Envelope;
using Factline.Storage;
using Microsoft.Extensions.Logging;

namespace Factline.Kafka.Producing;

/// <summary>
/// Writes facts to Kafka for a service: validated, encoded as envelope JSON, keyed by correlationId
/// (so one transaction's facts stay in order in one partition), with an idempotent producer.
/// Thread-safe; create one per service and share it.
/// </summary>
public sealed class FactProducer : IDisposable
{
    private const long MockBrokerAppendTimeMs = 1234;
    private static readonly TimeSpan DisposeFlushTimeout = TimeSpan.FromSeconds(10);

    private readonly IProducer<string, byte[]> _producer;
    private readonly FactMetadata? _metadata;
    private readonly TimeProvider _time;
    private readonly Action<DeliveryReport<string, byte[]>> _onDelivered;
    private readonly Lock _failureGate = new();
    private int _failedDeliveries;
    private Error? _firstFailure;

    /// <param name="timeProvider">The clock for the facts' eventIds and timestamps; the system clock by default.</param>
    /// <param name="logger">Where the Kafka client's own log lines and errors go (see <see cref="KafkaClientLog"/>); standard error by default.</param>
    public FactProducer(FactProducerOptions options, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Topic, nameof(options.Topic));
        Topic = options.Topic;
        _metadata = options.Metadata;
        _time = timeProvider ?? TimeProvider.System;
        _onDelivered = RecordDelivery;

        var builder = new ProducerBuilder<string, byte[]>(KafkaClientConfigs.ForProducer(options.Kafka));
        if (logger is not null)
            builder.LoggingTo(logger);
        _producer = builder.Build();
    }

    public string Topic { get; }

    /// <summary>Writes one fact to <see cref="Topic"/> and waits for the broker's acknowledgement.</summary>
    /// <returns>Where the fact now lives in the log, with the broker's timestamp.</returns>
    /// <exception cref="ArgumentException">The fact breaks an envelope rule; the message names the field.</exception>
    /// <exception cref="ProduceException{TKey,TValue}">Kafka did not accept the record.</exception>
    public Task<LogPosition> ProduceAsync(Fact fact, Headers? headers = null, CancellationToken cancellationToken = default) =>
        ProduceAsync(Topic, fact, headers, cancellationToken);

    /// <summary>
    /// Writes one fact to another topic than <see cref="Topic"/> and waits for the broker's acknowledgement,
    /// so one producer (one set of connections, one idempotent producer id) can serve several topics.
    /// </summary>
    /// <inheritdoc cref="ProduceAsync(Fact, Headers?, CancellationToken)"/>
    public Task<LogPosition> ProduceAsync(string topic, Fact fact, Headers? headers = null, CancellationToken cancellationToken = default) =>
        ProduceAsync(topic, ToMessage(fact, null, headers), cancellationToken);

    /// <summary>
    /// Writes one fact to <paramref name="topic"/> as its sender wrote it, byte for byte (fields this release does not know, the
    /// timestamp's own digits and offset), and waits for the broker's acknowledgement.
    /// </summary>
    /// <param name="fact"><paramref name="written"/>, decoded: it gives the record's key and is checked against the envelope's rules.</param>
    /// <inheritdoc cref="ProduceAsync(Fact, Headers?, CancellationToken)"/>
    public Task<LogPosition> ProduceAsync(string topic, Fact fact, byte[] written, CancellationToken cancellationToken = default) =>
        ProduceAsync(topic, ToMessage(fact, written, null), cancellationToken);

    private async Task<LogPosition> ProduceAsync(string topic, Message<string, byte[]> message, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        var delivery = await _producer.ProduceAsync(topic, message, cancellationToken);
        var position = KafkaLogPosition.Of(delivery);
        return IsMockAppendTime(delivery.Timestamp)
            ? position with { BrokerTimestamp = DateTimeOffset.FromUnixTimeMilliseconds(message.Timestamp.UnixTimestampMs) }
            : position;
    }

    /// <summary>
    /// Queues one fact without waiting, for high throughput. Blocks briefly while the local queue is
    /// full. Delivery failures are reported by the next <see cref="Flush"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The fact breaks an envelope rule; the message names the field.</exception>
    public void Produce(Fact fact, Headers? headers = null)
    {
        _producer.ProduceWhenQueued(Topic, ToMessage(fact, null, headers), _onDelivered);
    }

    /// <summary>Waits until every queued fact is delivered.</summary>
    /// <exception cref="KafkaException">Some facts queued with <see cref="Produce"/> since the last flush were not delivered.</exception>
    public void Flush(CancellationToken cancellationToken = default)
    {
        _producer.Flush(cancellationToken);
        lock (_failureGate)
        {
            if (_firstFailure is not { } first)
                return;
            var failed = _failedDeliveries;
            _failedDeliveries = 0;
            _firstFailure = null;
            throw new KafkaException(new Error(first.Code, $"{failed} fact(s) were not delivered; the first failed with: {first.Reason}"));
        }
    }

    /// <summary>Records an attempt of a stage as IN_PROGRESS and returns the handle that ends it.</summary>
    public async Task<FactStage> BeginStageAsync(StageStart start, CancellationToken cancellationToken = default)
    {
        var started = await ProduceAsync(NewFact(RecordType.Execution, start, Outcome.InProgress, error: null, start.Payload), cancellationToken: cancellationToken);
        return new FactStage(this, start, started);
    }

    /// <summary>Records the arrival of a message as an INGRESS fact (outcome SUCCESS: it was received).</summary>
    public Task<LogPosition> RecordIngressAsync(InboundMessage message, CancellationToken cancellationToken = default)
    {
        var receivedAt = new StageStart
        {
            CorrelationId = message.CorrelationId,
            MessageId = message.MessageId,
            EventType = message.EventType,
            Stage = message.Stage,
            Metadata = message.Metadata,
        };
        return ProduceAsync(NewFact(RecordType.Ingress, receivedAt, Outcome.Success, error: null, message.Payload), cancellationToken: cancellationToken);
    }

    /// <summary>Delivers what is still queued (waiting at most 10 s), then closes the producer.</summary>
    public void Dispose()
    {
        _producer.Flush(DisposeFlushTimeout);
        _producer.Dispose();
    }

    /// <summary>A fact this producer creates itself: a fresh eventId and the producer's clock.</summary>
    internal Fact NewFact(RecordType recordType, StageStart start, Outcome outcome, FactError? error, JsonElement? payload)
    {
        var now = _time.GetUtcNow();
        return new Fact
        {
            EventId = Guid.CreateVersion7(now).ToString(), // time-ordered, so ids sort roughly by creation
            CorrelationId = start.CorrelationId,
            MessageId = start.MessageId,
            RecordType = recordType,
            EventType = start.EventType,
            Stage = start.Stage,
            Outcome = outcome,
            Attempt = start.Attempt,
            Timestamp = now,
            Error = error,
            Payload = payload is { } element ? RawJson.From(element) : null,
            Metadata = start.Metadata ?? _metadata,
        };
    }

    /// <param name="written">The fact's JSON as its sender wrote it; null to encode it.</param>
    private static Message<string, byte[]> ToMessage(Fact fact, byte[]? written, Headers? headers)
    {
        ArgumentNullException.ThrowIfNull(fact);
        if (FactValidator.Validate(fact) is { } problem)
            throw new ArgumentException($"The fact is not valid: {problem}", nameof(fact));
        return new Message<string, byte[]>
        {
            Key = fact.CorrelationId,
            Value = written ?? FactCodec.Encode(fact),
            Headers = headers,
            // Stamped here rather than by librdkafka so the create time stored in the log is known (see IsMockAppendTime).
            Timestamp = new Timestamp(DateTime.UtcNow, TimestampType.CreateTime),
        };
    }

    /// <summary>
    /// librdkafka's mock broker acknowledges every produce with a placeholder log-append time of
    /// 1234 ms while it stores the record's create time. A real broker reports -1 (the create time
    /// stands) or its real append time, so this placeholder is never a genuine clock reading.
    /// </summary>
    private static bool IsMockAppendTime(Timestamp acknowledged) =>
        acknowledged is { Type: TimestampType.LogAppendTime, UnixTimestampMs: MockBrokerAppendTimeMs };

    private void RecordDelivery(DeliveryReport<string, byte[]> report)
    {
        if (!report.Error.IsError)
            return;
        lock (_failureGate)
        {
            _failedDeliveries++;
            _firstFailure ??= report.Error;
        }
    }
}
