using Confluent.Kafka;
using Factline.Envelope;
using Factline.Kafka;
using Factline.Projection;
using Factline.Projection.DeadLetters;
using Factline.Storage;
using Factline.Storage.Memory;
using Factline.Storage.Queries;
using Factline.Tests.Infrastructure;
using Factline.Tests.Storage.Contract;
using Microsoft.Extensions.Logging.Abstractions;

namespace Factline.Tests.Projection;

/// <summary>
/// Quarantined records also go to a dead-letter topic, with where they were read and why they were refused, before their
/// batch commits: none of them is missing there, and a record quarantined once is not written again when read again.
/// </summary>
[Collection(MockKafkaCollection.Name)]
public sealed class DeadLetterTopicTests(MockKafkaFixture kafka)
{
    [Fact]
    public async Task Every_quarantined_record_is_written_to_the_dead_letter_topic_with_where_it_was_read_and_why()
    {
        var (topic, deadLetters) = (kafka.CreateTopic(partitions: 2), kafka.CreateTopic(prefix: "dead-letters"));
        var kept = await kafka.ProduceRawAsync(topic, "PO-DLT-1", FactCodec.Encode(TestFacts.Fact("dlt-1", "PO-DLT-1")));
        var rival = await kafka.ProduceRawAsync(topic, "PO-DLT-1", FactCodec.Encode(TestFacts.Fact("dlt-1", "PO-DLT-1") with { Stage = "order.completion" }));
        var unreadable = await kafka.ProduceRawAsync(topic, "PO-DLT-2", "not json");
        var keyless = await kafka.ProduceRawAsync(topic, null, """{"eventId":"dlt-3"}""");
        await using var store = new MemoryProjectionStore();
        using var producer = ProducerInto(deadLetters);

        await InProcessProjection.RunUntilAsync(InProcessProjection.Create(kafka.Options(topic), store, deadLetters: producer), store, SimulatedLog.Ends(kafka, topic));

        var written = kafka.ConsumeAll(deadLetters);
        Assert.Equal(new[] { unreadable.ToString(), keyless.ToString(), rival.ToString() }.Order(), written.Select(SourcePosition).Order());
        var quarantined = (await store.QueryQuarantineAsync(new QuarantineQuery())).Items;
        foreach (var entry in quarantined)
        {
            var record = Assert.Single(written, record => SourcePosition(record) == entry.Position.ToString());
            Assert.Equal(entry.Key, record.Message.Key);
            Assert.Equal(entry.Raw.ToArray(), record.Message.Value);
            Assert.Equal(QuarantineReasonNames.Of(entry.Reason), record.HeaderText(DeadLetterRecord.Reason));
            Assert.Equal(entry.Detail, record.HeaderText(DeadLetterRecord.Detail));
            Assert.Equal(entry.RawLength.ToString(), record.HeaderText(DeadLetterRecord.ValueLength));
            Assert.Equal(entry.Position.BrokerTimestamp!.Value.ToUnixTimeMilliseconds().ToString(), record.HeaderText(DeadLetterRecord.SourceTimestamp));
        }
        var conflict = Assert.Single(written, record => SourcePosition(record) == rival.ToString());
        Assert.Equal("CONFLICT", conflict.HeaderText(DeadLetterRecord.Reason));
        Assert.Equal("dlt-1", conflict.HeaderText(DeadLetterRecord.EventId));
        Assert.Equal(kept.ToString(), $"{conflict.HeaderText(DeadLetterRecord.KeptTopic)}/{conflict.HeaderText(DeadLetterRecord.KeptPartition)}@{conflict.HeaderText(DeadLetterRecord.KeptOffset)}");
        Assert.Null(Assert.Single(written, record => SourcePosition(record) == keyless.ToString()).Message.Key);
        Assert.DoesNotContain(written, record => record.Message.Headers.TryGetLastBytes(DeadLetterRecord.EventId, out _) && SourcePosition(record) != rival.ToString());
    }

    [Fact]
    public async Task Records_quarantined_before_are_not_written_again_when_the_log_is_read_again()
    {
        var (topic, deadLetters) = (kafka.CreateTopic(partitions: 2), kafka.CreateTopic(prefix: "dead-letters"));
        await kafka.ProduceRawAsync(topic, "PO-DLT-1", "not json");
        await kafka.ProduceRawAsync(topic, "PO-DLT-2", "[]");
        await using var store = new MemoryProjectionStore();
        using var producer = ProducerInto(deadLetters);
        await InProcessProjection.RunUntilAsync(InProcessProjection.Create(kafka.Options(topic), store, deadLetters: producer), store, SimulatedLog.Ends(kafka, topic));
        var later = await kafka.ProduceRawAsync(topic, "PO-DLT-3", "{");

        // Read from the first record again: only the record not read before is new to the store, and to the topic.
        var again = InProcessProjection.Create(kafka.Options(topic), store, new ProjectorOptions { StartFrom = "earliest" }, deadLetters: producer);
        await InProcessProjection.RunUntilAsync(again, store, SimulatedLog.Ends(kafka, topic));

        var written = kafka.ConsumeAll(deadLetters);
        Assert.Equal(3, written.Count);
        Assert.Equal(later.ToString(), SourcePosition(written.Single(record => record.Message.Key == "PO-DLT-3")));
        Assert.Equal(3, (await store.ReadCountersAsync()).Quarantined);
    }

    [Fact]
    public async Task A_dead_letter_topic_that_cannot_be_written_holds_the_batch_back_until_it_can()
    {
        var topic = kafka.CreateTopic(partitions: 2);
        await kafka.ProduceRawAsync(topic, "PO-DLT-1", "not json");
        await kafka.ProduceRawAsync(topic, "PO-DLT-2", FactCodec.Encode(TestFacts.Fact("dlt-2", "PO-DLT-2")));
        await using var store = new MemoryProjectionStore();
        var sink = new FailingFirstForwards(failures: 2, store);
        var projector = InProcessProjection.Create(kafka.Options(topic), store, deadLetters: sink);

        await InProcessProjection.RunUntilAsync(projector, store, SimulatedLog.Ends(kafka, topic));

        Assert.Equal(2, projector.Statistics.ApplyRetries);
        // While the sink failed, the store took nothing of the batch: no quarantine entry, no fact, no bookmark.
        Assert.All(sink.StoreSeenWhileFailing, seen => Assert.Equal((0, 0, 0L), seen));
        Assert.Equal(["PO-DLT-1"], sink.Forwarded.Select(entry => entry.Key));
        Assert.NotNull(await store.FindAsync("dlt-2"));
    }

    [Fact]
    public void A_dead_letter_topic_that_cannot_be_reached_fails_the_write_naming_the_topic()
    {
        using var refusing = LocalPorts.Refusing(out var port);
        var options = new KafkaOptions
        {
            BootstrapServers = $"127.0.0.1:{port}",
            DeadLetterTopic = "tmf.facts.dead-letters",
            Client = { ["message.timeout.ms"] = "1000", ["log_level"] = "0" },
        };
        using var producer = new DeadLetterProducer(options, NullLogger<DeadLetterProducer>.Instance);
        var entry = TestFacts.Unreadable(TestFacts.Position(0, 7), QuarantineReason.InvalidJson);

        var failure = Assert.Throws<DeadLetterException>(() => producer.Forward([entry]));

        Assert.StartsWith("1 of 1 quarantined records could not be written to the dead-letter topic 'tmf.facts.dead-letters': ", failure.Message);
    }

    private DeadLetterProducer ProducerInto(string deadLetters)
    {
        var options = kafka.Options();
        options.DeadLetterTopic = deadLetters;
        return new DeadLetterProducer(options, NullLogger<DeadLetterProducer>.Instance);
    }

    private static string SourcePosition(ConsumeResult<string?, byte[]?> record) =>
        $"{record.HeaderText(DeadLetterRecord.SourceTopic)}/{record.HeaderText(DeadLetterRecord.SourcePartition)}@{record.HeaderText(DeadLetterRecord.SourceOffset)}";

    /// <summary>A sink that fails its first calls, noting what the store held meanwhile, and then keeps what it is given.</summary>
    private sealed class FailingFirstForwards(int failures, IFactReader store) : IDeadLetterSink
    {
        public List<QuarantineEntry> Forwarded { get; } = [];

        public List<(long Quarantined, long Facts, long Read)> StoreSeenWhileFailing { get; } = [];

        public void Forward(IReadOnlyList<QuarantineEntry> entries)
        {
            if (failures-- > 0)
            {
                // Asked from another thread: the memory store holds its batch lock on this one.
                StoreSeenWhileFailing.Add(Task.Run(async () =>
                {
                    var counters = await store.ReadCountersAsync();
                    var read = (await store.ReadBookmarksAsync()).Values.Sum(bookmark => bookmark.NextOffset);
                    return (counters.Quarantined, counters.Facts, read);
                }).GetAwaiter().GetResult());
                throw new DeadLetterException("the dead-letter topic is not there yet");
            }
            Forwarded.AddRange(entries);
        }
    }
}
