using Factline.Envelope;
using Factline.Kafka;
using Factline.Projection.Evidence;
using Factline.Storage;

namespace Factline.Tests.Timelines;

/// <summary>
/// Transactions the timeline endpoint is asked about, each in the partition Kafka's default partitioner
/// puts its key in, and the read progress of a projection that has read the whole log.
/// </summary>
internal static class TimelineCorpus
{
    public const string Topic = "tmf.facts";
    public const int Partitions = 6;

    /// <summary>Where the newest record read anywhere sits: 20 minutes of log time after the transactions began.</summary>
    public const long LogEnd = 2_000;

    public static readonly DateTimeOffset LogNow = TransactionLog.At(TimeSpan.FromMinutes(20).TotalMilliseconds);

    public const string Completed = "PO-2026-000123";
    public const string DeadLettered = "PO-2026-000125";
    public const string IngressOnly = "PO-2026-000124";
    public const string StuckInProvisioning = "PO-2026-000126";
    public const string QuarantinedInTheMiddle = "PO-2026-000127";
    public const string OnlyUnreadable = "PO-2026-000128";
    public const string LostCall = "SO-2026-000900";

    public static IReadOnlyList<TransactionLog> Transactions { get; } =
    [
        // A retried inventory call; the payment adapter's clock runs fast, so its facts sort after the completion.
        Log(Completed, 0)
            .Ingress(0)
            .Attempt("validation", 10, 18)
            .Attempt("adapter.inventory", 30, 3_030, Outcome.Error, attempt: 1, Errors.InventoryTimeout)
            .Attempt("adapter.inventory", 3_290, 3_420, Outcome.Success, attempt: 2)
            .Execution("adapter.payment", Outcome.InProgress, 3_640, brokerAt: 3_445)
            .Execution("adapter.payment", Outcome.Success, 3_690, brokerAt: 3_604)
            .Execution("order.completed", Outcome.Success, 3_620, brokerAt: 3_622),
        Log(DeadLettered, 1)
            .Ingress(0)
            .Attempt("validation", 10, 14)
            .Attempt("adapter.payment", 30, 120, Outcome.Error, attempt: 1, Errors.PaymentUnavailable)
            .Attempt("adapter.payment", 330, 420, Outcome.Error, attempt: 2, Errors.PaymentUnavailable)
            .Attempt("adapter.payment", 830, 910, Outcome.Error, attempt: 3, Errors.PaymentUnavailable)
            .Execution("deadletter", Outcome.Error, 925, error: Errors.DeadLetter),
        Log(IngressOnly, 2).Ingress(0),
        Log(StuckInProvisioning, 3)
            .Ingress(0)
            .Attempt("validation", 10, 18)
            .Execution("adapter.provisioning", Outcome.InProgress, 40),
        Log(QuarantinedInTheMiddle, 4)
            .Ingress(0)
            .Execution("validation", Outcome.Success, 15)
            .Unreadable(brokerAt: 40)
            .Execution("order.completed", Outcome.Success, 60),
        Log(OnlyUnreadable, 5).Unreadable(brokerAt: 5, QuarantineReason.MissingField, "correlationId: is required"),
        Log(LostCall, 6, eventType: "ServiceOrderCreateEvent")
            .Ingress(0, stage: "ingress.kafka")
            .Attempt("adapter.activation", 20, 8_030, Outcome.Unknown, error: Errors.NoResponse),
    ];

    public static int PartitionOf(string correlationId) => Murmur2Partitioner.PartitionFor(correlationId, Partitions);

    /// <summary>Every partition read to its end, with the log clock at <see cref="LogNow"/>.</summary>
    public static IReadOnlyList<PartitionProgress> CaughtUp() =>
        [.. Enumerable.Range(0, Partitions).Select(p => Progress(p, LogNow))];

    /// <summary>
    /// How far a partition has been read: to its end (by default), or with records still to read. Every partition
    /// holds 2,000 records from offset 0; the corpus's own lie between offsets 1,000 and 1,700.
    /// </summary>
    public static PartitionProgress Progress(int partition, DateTimeOffset observedThrough, long lag = 0) =>
        new(new PartitionId(Topic, partition), LogEnd - lag, 0, LogEnd, observedThrough, 0);

    public static Task LoadIntoAsync(IProjectionWriter store) =>
        store.ApplyAsync(Batch(Transactions, [.. CaughtUp().Select(p => new Bookmark(p.Partition, p.NextOffset, p.ObservedThrough))]));

    /// <summary>The transactions' records as the projector hands them to a store.</summary>
    public static ProjectionBatch Batch(IEnumerable<TransactionLog> transactions, IReadOnlyList<Bookmark> bookmarks)
    {
        var logs = transactions.ToList();
        return new ProjectionBatch(
            [.. logs.SelectMany(t => t.Facts).Select(s => new ProjectedFact(s.Fact, s.Position, FactCodec.Encode(s.Fact)))],
            [.. logs.SelectMany(t => t.Quarantined)],
            bookmarks);
    }

    /// <summary>A transaction's log in the partition its key maps to, at offsets of its own (others' records lie between).</summary>
    private static TransactionLog Log(string correlationId, int index, string eventType = "ProductOrderCreateEvent") =>
        new(correlationId, eventType, Topic, PartitionOf(correlationId), firstOffset: 1_000 + 100 * index);
}
