using System.ComponentModel;
using Factline.Api.Evidence;
using Factline.Envelope;

namespace Factline.Api.Events;

/// <summary>A page of events with the evidence in the body: whether the answer is complete, and how far the log has been read.</summary>
[Description("Extension (withEvidence=true): a page of events that says in its body whether the answer is complete.")]
internal sealed record EventPage(
    IReadOnlyList<TmfEvent> Items,
    [property: Description("Items matching the criteria in all, as X-Total-Count.")] long? TotalCount,
    [property: Description("Items in this page, as X-Result-Count.")] int ResultCount,
    [property: Description("True when every partition that could hold an answer has been read to its end and none of its records went unread (lostRecords is 0): nothing the log held there is missing.")] bool Complete,
    [property: Description("Records not read yet in those partitions; absent before Kafka has been asked.")] long? Lag,
    [property: Description("Broker time of the newest fact read in those partitions.")] string? ObservedThrough,
    [property: Description("Records deleted by retention before they were read there: history this answer cannot contain.")] long LostRecords)
{
    public static EventPage From(IReadOnlyList<TmfEvent> items, long? total, RequestEvidence evidence) => new(
        items,
        total,
        items.Count,
        evidence.Complete,
        evidence.Lag,
        evidence.ObservedThrough is { } observed ? Rfc3339.Format(observed) : null,
        evidence.LostRecords);
}
