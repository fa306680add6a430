using System.Text.Json;
using Confluent.Kafka;
using Factline.Envelope;
using Factline.Kafka;
using Factline.Kafka.Mock;
using Factline.Kafka.Producing;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.Kafka;

public sealed class FactProducerTests(MockKafkaFixture kafka) : IClassFixture<MockKafkaFixture>
{
    private const short ProduceApiKey = 0;

    private readonly ManualClock _clock = new(SampleFacts.Time);

    [Fact]
    public async Task ProduceAsync_returns_where_the_fact_landed_and_the_record_decodes_to_the_same_fact()
    {
        var topic = kafka.CreateTopic(partitions: 4);
        using var producer = kafka.CreateFactProducer(topic);
        var fact = SampleFacts.Execution("PO-2026-000123");

        var position = await producer.ProduceAsync(fact);

        var record = Assert.Single(kafka.ConsumeAll(topic));
        Assert.Equal(KafkaLogPosition.Of(record).BrokerTimestamp, position.BrokerTimestamp);
        Assert.Equal(KafkaLogPosition.Of(record), position);
        Assert.NotNull(position.BrokerTimestamp);
        Assert.Equal(fact.CorrelationId, record.Message.Key);
        var decoded = FactCodec.Decode(record.Message.Value);
        Assert.True(decoded.IsValid, decoded.Problem?.ToString());
        Assert.Equal(FactCodec.Encode(fact), FactCodec.Encode(decoded.Fact));
    }

    [Fact]
    public async Task Facts_of_one_transaction_share_a_partition_and_keep_their_order()
    {
        var topic = kafka.CreateTopic(partitions: 6);
        using var producer = kafka.CreateFactProducer(topic);
        var stages = new[] { "ingress", "validation", "adapter.inventory", "adapter.billing", "completion" };

        var positions = new List<Factline.Storage.LogPosition>();
        foreach (var stage in stages)
            positions.Add(await producer.ProduceAsync(SampleFacts.Execution("PO-ORDERED", stage)));

        Assert.Single(positions.Select(p => p.Partition).Distinct());
        Assert.Equal(stages, kafka.ConsumeAll(topic).Select(r => FactCodec.Decode(r.Message.Value).Fact!.Stage));
    }

    [Fact]
    public async Task Headers_travel_with_the_fact()
    {
        var topic = kafka.CreateTopic();
        using var producer = kafka.CreateFactProducer(topic);

        await producer.ProduceAsync(SampleFacts.Execution("PO-HEADERS"), new Headers { { "traceparent", "00-abc-def-01"u8.ToArray() } });

        var header = Assert.Single(Assert.Single(kafka.ConsumeAll(topic)).Message.Headers);
        Assert.Equal("traceparent", header.Key);
        Assert.Equal("00-abc-def-01"u8.ToArray(), header.GetValueBytes());
    }

    [Theory]
    [InlineData("eventId")]
    [InlineData("correlationId")]
    [InlineData("stage")]
    [InlineData("attempt")]
    public async Task An_invalid_fact_is_refused_naming_the_field_and_nothing_is_written(string field)
    {
        var topic = kafka.CreateTopic();
        using var producer = kafka.CreateFactProducer(topic);
        var valid = SampleFacts.Execution("PO-INVALID");
        var invalid = field switch
        {
            "eventId" => valid with { EventId = " " },
            "correlationId" => valid with { CorrelationId = "" },
            "stage" => valid with { Stage = new string('s', FactValidator.MaxIdentifierLength + 1) },
            _ => valid with { Attempt = 0 },
        };

        var asyncError = await Assert.ThrowsAsync<ArgumentException>(() => producer.ProduceAsync(invalid));
        var error = Assert.Throws<ArgumentException>(() => producer.Produce(invalid));

        Assert.Contains($"{field}:", asyncError.Message);
        Assert.Contains($"{field}:", error.Message);
        producer.Flush();
        Assert.Empty(kafka.ConsumeAll(topic));
    }

    [Fact]
    public void Produce_and_Flush_deliver_every_fact_without_awaiting_each_one()
    {
        var topic = kafka.CreateTopic(partitions: 3);
        using var producer = kafka.CreateFactProducer(topic);
        var facts = Enumerable.Range(0, 2_000).Select(i => SampleFacts.Execution($"PO-{i % 50}", $"stage-{i}")).ToList();

        foreach (var fact in facts)
            producer.Produce(fact);
        producer.Flush();

        var eventIds = kafka.ConsumeAll(topic).Select(r => FactCodec.Decode(r.Message.Value).Fact!.EventId);
        Assert.Equal(facts.Select(f => f.EventId).Order(), eventIds.Order());
    }

    [Fact]
    public void Flush_reports_facts_the_broker_refused()
    {
        using var cluster = new MockCluster();
        using var producer = ProducerOnOwnTopic(cluster);
        cluster.PushRequestErrors(ProduceApiKey, ErrorCode.MsgSizeTooLarge);

        producer.Produce(SampleFacts.Execution("PO-REFUSED"));
        var error = Assert.Throws<KafkaException>(() => producer.Flush());

        Assert.Equal(ErrorCode.MsgSizeTooLarge, error.Error.Code);
        Assert.Contains("1 fact(s) were not delivered", error.Message);
        producer.Produce(SampleFacts.Execution("PO-ACCEPTED"));
        producer.Flush();
    }

    [Fact]
    public async Task A_stage_records_in_progress_then_success_with_the_same_attempt()
    {
        var topic = kafka.CreateTopic();
        using var producer = kafka.CreateFactProducer(topic, _clock);
        var metadata = new FactMetadata { Producer = "inventory-adapter", Version = "1.2.0" };

        var stage = await producer.BeginStageAsync(new StageStart
        {
            CorrelationId = "PO-STAGE-1",
            EventType = "ProductOrderCreateEvent",
            Stage = "adapter.inventory",
            Attempt = 2,
            Metadata = metadata,
        });
        _clock.Now += TimeSpan.FromMilliseconds(250);
        var ended = await stage.SucceedAsync(JsonSerializer.SerializeToElement(new { reserved = 3 }));

        var facts = ReadFacts(topic);
        Assert.Equal([Outcome.InProgress, Outcome.Success], facts.Select(f => f.Outcome));
        Assert.All(facts, f =>
        {
            Assert.Equal("PO-STAGE-1", f.CorrelationId);
            Assert.Equal("adapter.inventory", f.Stage);
            Assert.Equal("ProductOrderCreateEvent", f.EventType);
            Assert.Equal(RecordType.Execution, f.RecordType);
            Assert.Equal(2, f.Attempt);
            Assert.Equal(metadata, f.Metadata);
            Assert.Null(f.Error);
        });
        Assert.Equal([SampleFacts.Time, SampleFacts.Time.AddMilliseconds(250)], facts.Select(f => f.Timestamp));
        Assert.Equal(2, facts.Select(f => f.EventId).Distinct().Count());
        Assert.Equal(3, facts[1].Payload!.Value.ToElement().GetProperty("reserved").GetInt32());
        Assert.Equal(stage.Started.Offset + 1, ended.Offset);
    }

    [Fact]
    public async Task A_failed_stage_records_the_error_and_its_one_retry_counts_the_attempt_up()
    {
        var topic = kafka.CreateTopic();
        using var producer = kafka.CreateFactProducer(topic, _clock);
        var timeout = new FactError { Code = "INV-503", Message = "inventory adapter timed out", Retryable = true };

        var first = await producer.BeginStageAsync(new StageStart { CorrelationId = "PO-RETRY", Stage = "adapter.inventory" });
        await first.FailAsync(timeout);
        var second = await first.RetryAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => first.RetryAsync());
        await second.SucceedAsync();

        var facts = ReadFacts(topic);
        Assert.Equal(
            [(1, Outcome.InProgress), (1, Outcome.Error), (2, Outcome.InProgress), (2, Outcome.Success)],
            facts.Select(f => (f.Attempt, f.Outcome)));
        Assert.Equal(timeout, facts[1].Error);
    }

    [Fact]
    public async Task A_stage_ends_only_once_and_is_retried_only_after_it_failed()
    {
        var topic = kafka.CreateTopic();
        using var producer = kafka.CreateFactProducer(topic, _clock);
        var stage = await producer.BeginStageAsync(new StageStart { CorrelationId = "PO-ONCE", Stage = "validation" });

        await Assert.ThrowsAsync<InvalidOperationException>(() => stage.RetryAsync());
        await stage.SucceedAsync();
        var twice = await Assert.ThrowsAsync<InvalidOperationException>(() => stage.FailAsync(new FactError { Code = "LATE" }));

        Assert.Contains("already ended with SUCCESS", twice.Message);
        Assert.Equal(2, kafka.ConsumeAll(topic).Count);
    }

    [Fact]
    public async Task A_stage_whose_ending_was_not_written_can_be_ended_again()
    {
        using var cluster = new MockCluster();
        using var producer = ProducerOnOwnTopic(cluster);
        var stage = await producer.BeginStageAsync(new StageStart { CorrelationId = "PO-AGAIN", Stage = "adapter.billing" });

        cluster.PushRequestErrors(ProduceApiKey, ErrorCode.MsgSizeTooLarge);
        await Assert.ThrowsAsync<ProduceException<string, byte[]>>(() => stage.SucceedAsync());
        var ended = await stage.SucceedAsync();

        Assert.Equal(stage.Started.Offset + 1, ended.Offset);
    }

    [Fact]
    public async Task Ingress_is_recorded_with_its_message_id_and_the_default_metadata()
    {
        var topic = kafka.CreateTopic();
        var metadata = new FactMetadata { Producer = "order-svc", Version = "3.4.1", Spec = "TMF622 v4" };
        using var producer = new FactProducer(new FactProducerOptions { Kafka = kafka.Options(), Topic = topic, Metadata = metadata }, _clock);

        var position = await producer.RecordIngressAsync(new InboundMessage
        {
            CorrelationId = "PO-INGRESS",
            MessageId = "msg-7f3a",
            EventType = "ProductOrderCreateEvent",
            Payload = JsonSerializer.SerializeToElement(new { state = "acknowledged" }),
        });

        var fact = Assert.Single(ReadFacts(topic));
        Assert.Equal(topic, position.Topic);
        Assert.Equal(RecordType.Ingress, fact.RecordType);
        Assert.Equal(Outcome.Success, fact.Outcome);
        Assert.Equal("msg-7f3a", fact.MessageId);
        Assert.Equal("ingress", fact.Stage);
        Assert.Equal(1, fact.Attempt);
        Assert.Equal(SampleFacts.Time, fact.Timestamp);
        Assert.Equal(metadata, fact.Metadata);
    }

    /// <summary>For fault injection, which is cluster-wide: a producer on a single-partition topic of a cluster of the test's own.</summary>
    private FactProducer ProducerOnOwnTopic(MockCluster cluster)
    {
        cluster.CreateTopic("faults", 1);
        return new FactProducer(new FactProducerOptions
        {
            Kafka = new KafkaOptions { BootstrapServers = cluster.BootstrapServers },
            Topic = "faults",
        }, _clock);
    }

    private List<Fact> ReadFacts(string topic) =>
        [.. kafka.ConsumeAll(topic).Select(r => FactCodec.Decode(r.Message.Value).Fact!)];
}
