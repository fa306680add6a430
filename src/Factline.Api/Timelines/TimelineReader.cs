using Factline.Projection.Evidence;
using Factline.Storage;
using Factline.Storage.Queries;
using Factline.Timelines;

namespace Factline.Api.Timelines;

/// <summary>Reads a transaction's facts and quarantined records, and builds its timeline from them.</summary>
internal sealed class TimelineReader(IFactReader store, TimelineBuilder builder, EvidenceOptions options)
{
    /// <summary>A timeline shows at most this many facts; beyond it the state says the history was not read in full.</summary>
    public const int MaxFacts = 10_000;

    /// <summary>Quarantined records listed in the evidence; the total is always given.</summary>
    public const int MaxQuarantined = 100;

    /// <summary>The timeline, judged by <paramref name="progress"/>; null when the store holds no record of the transaction at all.</summary>
    /// <param name="progress">Taken before the store is queried, so a record applied meanwhile can only make the answer more cautious.</param>
    /// <param name="couldHoldIt">
    /// The partitions that could hold the transaction's records, read or not (the request's evidence scope): the one its key
    /// belongs in, per topic, and every partition of a topic where facts were read outside their key's partition.
    /// </param>
    public async Task<TimelineLookup?> ReadAsync(
        string correlationId, ReadProgress progress, IEnumerable<PartitionId> couldHoldIt, CancellationToken cancellationToken)
    {
        var facts = await store.QueryAsync(FactQuery.ForCorrelation(correlationId, MaxFacts), cancellationToken);
        var quarantined = await store.QueryQuarantineAsync(new QuarantineQuery { Key = correlationId, Limit = MaxQuarantined }, cancellationToken);
        if (facts.Items.Count == 0 && quarantined.Items.Count == 0)
            return null;

        var input = new TimelineInput(correlationId)
        {
            Facts = facts.Items,
            Quarantined = quarantined.Items,
            UnreadFactCount = (facts.Total ?? facts.Items.Count) - facts.Items.Count,
        };
        var partitions = input.Partitions.Union(couldHoldIt).Order(TimelineOrder.Partitions).ToArray();
        var evidence = new TimelineEvidence(partitions, progress)
        {
            Quarantined = quarantined.Items,
            QuarantinedTotal = quarantined.Total,
            OmittedFacts = input.UnreadFactCount,
            MaxLogClockLead = options.MaxLogClockLead,
        };
        return new TimelineLookup(builder.Build(input with { LogClock = evidence.LogClock, HistoryGaps = evidence.HistoryGaps }), evidence);
    }
}
