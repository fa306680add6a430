using System.Diagnostics;
using System.Text.Json.Nodes;
using Factline.Envelope;
using Factline.Projection.Evidence;
using Factline.Storage;
using Factline.Tests.Api;
using Factline.Tests.EndToEnd;
using Factline.Tests.Infrastructure;
using Factline.Tests.Projection;

namespace Factline.Tests.Evidence;

/// <summary>
/// The mock broker keeps about 5 MiB per partition and drops the oldest records beyond that: exactly
/// what Kafka's retention does to a projection that reads too late. The loss must be recorded, never hidden; and history
/// that only the projection holds once retention has moved on is not dropped by a rebuild unless that is asked for.
/// </summary>
[Collection(MockKafkaCollection.Name)]
public sealed class HistoryGapTests(MockKafkaFixture kafka)
{
    private const int OverflowingFacts = 24_000; // ~10 MiB of ~400-byte facts into one partition

    [Fact]
    public async Task Records_deleted_by_retention_before_the_first_read_are_reported_as_lost()
    {
        var topic = kafka.CreateTopic(partitions: 1);
        ProduceFacts(topic, OverflowingFacts);
        var partition = new PartitionId(topic, 0);
        var (logStart, logEnd) = Watermarks(topic);
        Assert.True(logStart > 0, "the mock broker should have dropped the oldest records");

        await using var factline = new FactlineInstance(kafka.BootstrapServers, topic);
        await factline.StartAsync();
        await factline.WaitForAsync(logEnd - logStart);

        var bookmark = (await factline.Reader.ReadBookmarksAsync())[partition];
        Assert.Equal(logEnd, bookmark.NextOffset);
        Assert.Equal(logStart, bookmark.LostRecords);
        Assert.Equal(logStart, bookmark.UnbrokenFrom);
        Assert.Equal(logEnd - logStart, (await factline.Reader.ReadCountersAsync()).Facts);

        var progress = await CurrentProgressAsync(factline);
        var evidence = progress.For(partition)!;
        Assert.True(evidence.HasHistoryGap);
        Assert.Equal(logStart, evidence.LostRecords);
        Assert.Equal(logStart, evidence.LogStartOffset);
        Assert.Equal(BrokerTimeAt(topic, logStart), evidence.LogStartTime); // "history before this time is gone"
        Assert.True(evidence.CaughtUp);
    }

    [Fact]
    public async Task Records_deleted_while_the_projector_was_away_add_to_the_loss_and_unsettle_transactions_begun_before()
    {
        var topic = kafka.CreateTopic(partitions: 1);
        var partition = new PartitionId(topic, 0);
        using var producer = kafka.CreateFactProducer(topic);
        var ingress = SampleFacts.Execution("PO-GAP-BEFORE") with { RecordType = RecordType.Ingress, Stage = "ingress.http", MessageId = "msg-gap" };
        await producer.ProduceAsync(ingress);
        ProduceFacts(topic, 999);
        await using var factline = new FactlineInstance(kafka.BootstrapServers, topic);
        await factline.StartAsync();
        await factline.WaitForAsync(1_000);
        Assert.Equal(0, (await factline.Reader.ReadBookmarksAsync())[partition].LostRecords);
        await factline.StopAsync();

        // The transaction's next fact, then enough records for retention to delete it before the projector is back.
        await producer.ProduceAsync(SampleFacts.Execution("PO-GAP-BEFORE", "order.completed"));
        ProduceFacts(topic, OverflowingFacts);
        await producer.ProduceAsync(SampleFacts.Execution("PO-GAP-AFTER") with { RecordType = RecordType.Ingress, Stage = "ingress.http", MessageId = "msg-after" });
        await producer.ProduceAsync(SampleFacts.Execution("PO-GAP-AFTER"));
        var (logStart, logEnd) = Watermarks(topic);
        Assert.True(logStart > 1_001, "retention should have dropped records the projector never read");
        await factline.StartAsync();
        await factline.WaitForAsync(1_000 + (logEnd - logStart));

        var bookmark = (await factline.Reader.ReadBookmarksAsync())[partition];
        Assert.Equal(logEnd, bookmark.NextOffset);
        Assert.Equal(logStart - 1_000, bookmark.LostRecords);
        Assert.Equal(logStart, bookmark.UnbrokenFrom);

        await factline.Services.GetRequiredService<LogWatermarkMonitor>().RefreshAsync();
        var before = JsonNode.Parse(await factline.Http.GetStringAsync("/tmf-api/event/v4/timeline/PO-GAP-BEFORE"))!;
        Assert.Equal("UNKNOWN", (string?)before["state"]);
        Assert.Contains($"were never read (deleted by retention, skipped by a start position or replaced with the topic), the newest just before offset {logStart}",
            (string?)before["reason"], StringComparison.Ordinal);
        // A transaction that began (with its INGRESS fact) after the gap lost nothing to it.
        var after = JsonNode.Parse(await factline.Http.GetStringAsync("/tmf-api/event/v4/timeline/PO-GAP-AFTER"))!;
        Assert.NotEqual("UNKNOWN", (string?)after["state"]);
    }

    [Fact]
    public async Task A_projection_that_read_everything_has_no_gap_even_after_retention()
    {
        var topic = kafka.CreateTopic(partitions: 1);
        var partition = new PartitionId(topic, 0);
        await using var factline = new FactlineInstance(kafka.BootstrapServers, topic);
        await factline.StartAsync();
        ProduceFacts(topic, OverflowingFacts);
        var (_, logEnd) = Watermarks(topic);
        await factline.WaitForBookmarkAsync(partition, logEnd);

        // Whether the projector kept up with the burst or fell behind retention, every offset is
        // accounted for: read into the store, or reported lost. Nothing vanishes silently.
        var evidence = (await CurrentProgressAsync(factline)).For(partition)!;
        var facts = (await factline.Reader.ReadCountersAsync()).Facts;
        Assert.Equal(logEnd, facts + evidence.LostRecords);
        Assert.Equal(evidence.LostRecords > 0, evidence.HasHistoryGap);
    }

    [Fact]
    public async Task The_status_command_shows_the_loss_on_the_partition_row_and_exits_3()
    {
        var topic = kafka.CreateTopic(partitions: 1);
        ProduceFacts(topic, OverflowingFacts);
        var (logStart, logEnd) = Watermarks(topic);
        Assert.True(logStart > 0, "the mock broker should have dropped the oldest records");
        await using var factline = new FactlineInstance(kafka.BootstrapServers, topic);
        await factline.StartAsync();
        await factline.WaitForAsync(logEnd - logStart);
        await factline.Services.GetRequiredService<LogWatermarkMonitor>().RefreshAsync();

        using var status = FactlineProcess.Start(factline.DataDirectory, ["status", "--server", factline.BaseAddress.ToString()], new Dictionary<string, string>());
        var exitCode = await status.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.True(exitCode == 3, $"exit code {exitCode}:\n{status.Output}");
        // Piped output keeps the partition on one line, so a script can grep it: topic, partition, bookmark, log start,
        // log end, lag, observed through, lost, quarantined.
        var row = Assert.Single(status.Lines, line => line.Contains(topic, StringComparison.Ordinal));
        Assert.Matches($@"{topic}\s*│\s*0\s*│\s*{logEnd}\s*│\s*{logStart}\s*│\s*{logEnd}\s*│\s*0\s*│[^│]+│\s*{logStart} GAP\s*│\s*0\s*│", row);
        Assert.Contains(status.Lines, line => line.StartsWith("HISTORY GAP: records were deleted by Kafka's retention, skipped by a start position (--from) or replaced with the log before they were read.", StringComparison.Ordinal));
        Assert.Contains(status.Lines, line => line.StartsWith("log start and end as Kafka reported them at 20", StringComparison.Ordinal));

        using var json = FactlineProcess.Start(factline.DataDirectory, ["status", "--server", factline.BaseAddress.ToString(), "--json"], new Dictionary<string, string>());
        Assert.Equal(3, await json.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var partition = JsonNode.Parse(json.Output)!["partitions"]!.AsArray().Single()!;
        Assert.Equal(logStart, (long)partition["lostRecords"]!);
        Assert.True((bool)partition["historyGap"]!);
    }

    [Fact]
    public async Task While_retention_deletes_records_all_the_time_a_refresh_reads_every_log_end_promptly_and_nothing_warns()
    {
        // Reading the broker time at a log start that retention moves meanwhile fails until it times out; a refresh of the
        // log ends must not wait for that (it did: up to 5 s for each partition, so the evidence judged answers against
        // ends many seconds old), and the client's offset resets on the way are routine, not warnings.
        const int partitions = 4;
        var topic = kafka.CreateTopic(partitions);
        using var churn = new CancellationTokenSource();
        var producing = Task.Run(() =>
        {
            using var producer = kafka.CreateFactProducer(topic);
            for (var i = 0; !churn.IsCancellationRequested; i++)
                producer.Produce(SampleFacts.Execution($"PO-CHURN-{i % 4_000:D4}"));
            producer.Flush();
        });
        try
        {
            await InProcessProjection.WaitUntilAsync(() => Task.FromResult(
                Enumerable.Range(0, partitions).All(p => Watermarks(topic, p).Start > 0)), timeout: TimeSpan.FromSeconds(60));
            var logs = new RecordingLoggerProvider();
            using var loggers = LoggerFactory.Create(logging => logging.AddProvider(logs));
            using var monitor = new LogWatermarkMonitor(kafka.Options(topic), loggers.CreateLogger<LogWatermarkMonitor>());

            await monitor.RefreshAsync(); // connects its clients
            var startsBefore = monitor.Current.ToDictionary(w => w.Partition, w => w.LogStartOffset);
            var slowest = TimeSpan.Zero;
            var refreshing = Stopwatch.StartNew();
            // At least ten refreshes, and on until retention has moved every partition's start meanwhile.
            for (var refresh = 0; refresh < 10 || !AllChurned(); refresh++)
            {
                Assert.True(refreshing.Elapsed < TimeSpan.FromSeconds(60), "retention did not move every partition's start within 60 s");
                var started = Stopwatch.StartNew();
                await monitor.RefreshAsync();
                slowest = started.Elapsed > slowest ? started.Elapsed : slowest;
            }

            // No refresh waited for the start times: half a second of start-time reading at most, against up to 5 s for
            // each partition before.
            Assert.True(slowest < TimeSpan.FromSeconds(3), $"a refresh took {slowest.TotalSeconds:N1} s");
            Assert.DoesNotContain(logs.Entries, entry => entry.Category == typeof(LogWatermarkMonitor).FullName && entry.Level >= LogLevel.Warning);

            bool AllChurned() => monitor.Current.All(w => w.LogStartOffset > startsBefore[w.Partition]);
        }
        finally
        {
            await churn.CancelAsync();
            await producing;
        }
    }

    private static async Task<ReadProgress> CurrentProgressAsync(FactlineInstance factline)
    {
        await factline.Services.GetRequiredService<LogWatermarkMonitor>().RefreshAsync();
        return await factline.Services.GetRequiredService<IReadProgressSource>().CurrentAsync();
    }

    [Fact]
    public async Task A_rebuild_that_would_drop_records_retention_deleted_after_they_were_read_is_refused_unless_accepted()
    {
        var topic = kafka.CreateTopic(partitions: 1);
        var partition = new PartitionId(topic, 0);
        await using var factline = new FactlineInstance(kafka.BootstrapServers, topic);
        await factline.StartAsync();
        ProduceFacts(topic, 1);
        await factline.WaitForAsync(1);
        ProduceFacts(topic, OverflowingFacts);
        var (logStart, logEnd) = Watermarks(topic);
        Assert.True(logStart > 1, "retention should have deleted the first fact, read before the burst");
        await factline.WaitForBookmarkAsync(partition, logEnd);
        await factline.Services.GetRequiredService<LogWatermarkMonitor>().RefreshAsync();
        const string rebuild = "/tmf-api/event/v4/admin/rebuild";

        using var refused = await factline.Http.PostAsync(rebuild, null);
        using var command = FactlineProcess.Start(factline.DataDirectory, ["rebuild", "--server", factline.BaseAddress.ToString()], new Dictionary<string, string>());
        var commandExit = await command.WaitForExitAsync(TimeSpan.FromSeconds(60));
        using var unclear = await factline.Http.PostAsync($"{rebuild}?acceptHistoryLoss=yes", null);
        using var unknown = await factline.Http.PostAsync($"{rebuild}?from=earliest", null);
        using var withBody = await factline.Http.PostAsync(rebuild, new StringContent("x"));
        using var accepted = await factline.Http.PostAsync($"{rebuild}?acceptHistoryLoss=true", null);

        var error = await ApiAssert.TmfErrorAsync(refused, System.Net.HttpStatusCode.Conflict);
        Assert.Equal("REBUILD_WOULD_LOSE_HISTORY", (string?)error["code"]);
        Assert.StartsWith("Not started: the live view holds records that Kafka no longer has (deleted by retention since they were read, or in a " +
            $"log replaced since), which a rebuild (it reads what Kafka has) would drop: what it read of {partition} offsets 0..{logStart - 1}. ", (string?)error["message"], StringComparison.Ordinal);
        Assert.Equal(1, commandExit);
        Assert.Contains(command.Lines, line => line.StartsWith("factline rebuild --accept-history-loss rebuilds anyway", StringComparison.Ordinal));
        Assert.Contains("acceptHistoryLoss: must be true or false, got 'yes'",
            (string?)(await ApiAssert.TmfErrorAsync(unclear, System.Net.HttpStatusCode.BadRequest))["message"], StringComparison.Ordinal);
        Assert.Contains("from: is not supported: starting a rebuild takes only acceptHistoryLoss",
            (string?)(await ApiAssert.TmfErrorAsync(unknown, System.Net.HttpStatusCode.BadRequest))["message"], StringComparison.Ordinal);
        await ApiAssert.TmfErrorAsync(withBody, System.Net.HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, accepted.StatusCode);
    }

    private void ProduceFacts(string topic, int count)
    {
        using var producer = kafka.CreateFactProducer(topic);
        for (var i = 0; i < count; i++)
            producer.Produce(SampleFacts.Execution($"PO-GAP-{i % 500:D4}"));
        producer.Flush();
    }

    private DateTimeOffset? BrokerTimeAt(string topic, long offset)
    {
        using var consumer = new Confluent.Kafka.ConsumerBuilder<byte[], byte[]>(Factline.Kafka.KafkaClientConfigs.ForConsumer(kafka.Options(topic))).Build();
        consumer.Assign(new Confluent.Kafka.TopicPartitionOffset(topic, 0, offset));
        var record = consumer.Consume(TimeSpan.FromSeconds(10)) ?? throw new InvalidOperationException($"no record at offset {offset}");
        Assert.Equal(offset, record.Offset.Value);
        return Factline.Kafka.KafkaLogPosition.Of(record).BrokerTimestamp;
    }

    private (long Start, long End) Watermarks(string topic, int partition = 0)
    {
        using var consumer = new Confluent.Kafka.ConsumerBuilder<byte[], byte[]>(Factline.Kafka.KafkaClientConfigs.ForConsumer(kafka.Options(topic))).Build();
        var offsets = consumer.QueryWatermarkOffsets(new Confluent.Kafka.TopicPartition(topic, partition), TimeSpan.FromSeconds(10));
        return (offsets.Low.Value, offsets.High.Value);
    }
}
