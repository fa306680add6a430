using System.Text;
using Factline.Envelope;
using Factline.Storage;
using Factline.Timelines;

namespace Factline.Tests.Timelines;

/// <summary>The order of a timeline's entries, and how spans of log time are put in words.</summary>
public sealed class TimelineOrderTests
{
    private static readonly TimelineBuilder Builder = new(new PipelineOptions());

    [Fact]
    public void Facts_are_ordered_by_producer_time_as_an_instant_then_by_log_position()
    {
        // The billing adapter writes +01:00 and reached Kafka late; two facts share a producer millisecond.
        var log = new TransactionLog("PO-2026-000400")
            .Ingress(0)
            .Execution("adapter.billing", Outcome.Success, 300, brokerAt: 900)
            .Execution("adapter.inventory", Outcome.Success, 200, brokerAt: 901)
            .Execution("notification", Outcome.Success, 200, brokerAt: 902);
        var input = log.InputAfter(1);
        input = input with
        {
            Facts = [.. input.Facts.Reverse().Select(s => s.Fact.Stage == "adapter.billing"
                ? s with { Fact = s.Fact with { Timestamp = s.Fact.Timestamp.ToOffset(TimeSpan.FromHours(1)) } }
                : s)],
        };

        var entries = Builder.Build(input).Entries.Cast<FactEntry>().ToList();

        Assert.Equal(["ingress.http", "adapter.inventory", "notification", "adapter.billing"], entries.Select(e => e.Fact.Stage));
        Assert.Equal(TimeSpan.FromHours(1), entries[^1].Fact.Timestamp.Offset);
    }

    [Fact]
    public void Unreadable_records_sit_before_the_next_fact_of_their_partition_and_after_everything_when_none_follows()
    {
        var log = new TransactionLog("PO-2026-000401")
            .Ingress(0)
            .Unreadable(5)
            .Unreadable(6)
            .Attempt("validation", 10, 20)
            .Unreadable(30);
        var elsewhere = new QuarantineEntry(
            new LogPosition("tmf.facts.retry", 0, 7, TransactionLog.At(8)), log.CorrelationId, QuarantineReason.WrongType, "attempt: must be a whole number",
            Encoding.UTF8.GetBytes("{}"), 2);
        var input = log.InputAfter(1);
        input = input with { Quarantined = [elsewhere, .. input.Quarantined.Reverse()] };

        var entries = Builder.Build(input).Entries;

        Assert.Equal(
            ["tmf.facts/3@40", "tmf.facts/3@41", "tmf.facts/3@42", "tmf.facts/3@43", "tmf.facts/3@44", "tmf.facts/3@45", "tmf.facts.retry/0@7"],
            entries.Select(e => e.Position.ToString()));
        Assert.Equal([false, true, true, false, false, true, true], entries.Select(e => e is UnreadableEntry));
    }

    [Fact]
    public void The_input_names_the_partitions_that_hold_the_transactions_records()
    {
        var log = new TransactionLog("PO-2026-000402").Ingress(0).Unreadable(5);
        var input = log.InputAfter(1);
        var moved = new QuarantineEntry(new LogPosition("tmf.facts", 1, 3, TransactionLog.At(9)), log.CorrelationId, QuarantineReason.InvalidJson, "x", Array.Empty<byte>(), 0);
        input = input with { Quarantined = [.. input.Quarantined, moved] };

        Assert.Equal([new PartitionId("tmf.facts", 1), new PartitionId("tmf.facts", 3)], input.Partitions);
    }

    [Theory]
    [InlineData(0, "0ms")]
    [InlineData(850.9, "850ms")]
    [InlineData(12_549, "12.5s")]
    [InlineData(60_000, "1m")]
    [InlineData(450_000, "7m 30s")]
    [InlineData(7_500_000, "2h 5m")]
    [InlineData(273_600_000, "3d 4h")]
    public void Spans_of_log_time_read_as_people_write_them(double ms, string expected) =>
        Assert.Equal(expected, LogTime.Describe(TimeSpan.FromMilliseconds(ms)));
}
