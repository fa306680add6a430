using System.Collections.Concurrent;
using Confluent.Kafka;
using Factline.Kafka;
using Factline.Kafka.Producing;
using Factline.Storage;
using Microsoft.Extensions.Logging;

namespace Factline.Projection.DeadLetters;

/// <summary>
/// Writes quarantined records to <see cref="KafkaOptions.DeadLetterTopic"/> with an idempotent producer and waits until the
/// broker has acknowledged every one. Records go in log order; a batch applied again after a failure writes its records
/// again, so a reader of the topic tells repeats by their source position.
/// </summary>
public sealed class DeadLetterProducer : IDeadLetterSink, IDisposable
{
    private const string MessageTimeoutSetting = "message.timeout.ms";

    /// <summary>
    /// How long a record may wait for the broker before its write fails, unless the client settings say otherwise. librdkafka's
    /// own default (5 minutes) would hold the projection still that long per attempt while the topic cannot be written.
    /// </summary>
    private static readonly TimeSpan DefaultMessageTimeout = TimeSpan.FromSeconds(30);

    private readonly IProducer<byte[]?, byte[]> _producer;
    private readonly TimeSpan _flushTimeout;

    public DeadLetterProducer(KafkaOptions kafka, ILogger<DeadLetterProducer> logger)
    {
        Topic = kafka.DeadLetterTopic ?? throw new ArgumentException($"{KafkaOptions.Section}:{nameof(KafkaOptions.DeadLetterTopic)} is not set", nameof(kafka));
        var config = KafkaClientConfigs.ForProducer(kafka);
        if (!kafka.Client.ContainsKey(MessageTimeoutSetting) && !kafka.Client.ContainsKey("delivery.timeout.ms"))
            config.MessageTimeoutMs = (int)DefaultMessageTimeout.TotalMilliseconds;
        // Every record has its delivery report by then, acknowledged or failed.
        _flushTimeout = TimeSpan.FromMilliseconds(config.MessageTimeoutMs ?? 300_000) + TimeSpan.FromSeconds(5);
        _producer = new ProducerBuilder<byte[]?, byte[]>(config).LoggingTo(logger).Build();
    }

    public string Topic { get; }

    public void Forward(IReadOnlyList<QuarantineEntry> entries)
    {
        var failures = new ConcurrentQueue<Error>();
        void Delivered(DeliveryReport<byte[]?, byte[]> report)
        {
            if (report.Error.IsError)
                failures.Enqueue(report.Error);
        }

        try
        {
            foreach (var entry in entries.OrderBy(entry => entry.Position, LogPositionOrder.Instance))
                _producer.ProduceWhenQueued(Topic, DeadLetterRecord.Of(entry), Delivered);
        }
        catch (ProduceException<byte[]?, byte[]> e)
        {
            throw new DeadLetterException($"a quarantined record could not be written to the dead-letter topic '{Topic}': {e.Error.Reason}");
        }
        var unanswered = _producer.Flush(_flushTimeout);
        if (unanswered > 0 || !failures.IsEmpty)
            throw new DeadLetterException(
                $"{unanswered + failures.Count} of {entries.Count} quarantined records could not be written to the dead-letter topic '{Topic}'" +
                (failures.TryPeek(out var failure) ? $": {failure.Reason}" : $" within {_flushTimeout.TotalSeconds:0} s"));
    }

    /// <summary>Drops records still waiting after a failed <see cref="Forward"/>: their batch was not applied and will be read again.</summary>
    public void Dispose() => _producer.Dispose();
}
