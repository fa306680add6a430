using Factline.Projection.Evidence;
using Factline.Storage;
using Factline.Storage.Queries;
using Factline.Timelines;

namespace Factline.Api.Timelines;

/// <summary>Reads a transaction's facts, quarantined records and read progress, and builds its timeline from them.</summary>
internal sealed class TimelineReader(IFactReader store, IReadProgressSource progressSource, TimelineBuilder builder)
{
    /// <summary>A timeline shows at most this many facts; beyond it the state says the history was not read in full.</summary>
    public const int MaxFacts = 10_000;

    /// <summary>Quarantined records listed in the evidence; the total is always given.</summary>
    public const int MaxQuarantined = 100;

    public async Task<TimelineLookup> ReadAsync(string correlationId, CancellationToken cancellationToken)
    {
        // Progress first: a record applied while the store is queried can only make the answer more cautious.
        var progress = await progressSource.CurrentAsync(cancellationToken);
        var facts = await store.QueryAsync(FactQuery.ForCorrelation(correlationId, MaxFacts), cancellationToken);
        var quarantined = await store.QueryQuarantineAsync(new QuarantineQuery { Key = correlationId, Limit = MaxQuarantined }, cancellationToken);

        if (facts.Items.Count == 0 && quarantined.Items.Count == 0)
            return new TimelineLookup(null, new TimelineEvidence(PartitionsForKey(progress, correlationId), progress));

        var input = new TimelineInput(correlationId)
        {
            Facts = facts.Items,
            Quarantined = quarantined.Items,
            UnreadFactCount = (facts.Total ?? facts.Items.Count) - facts.Items.Count,
        };
        var evidence = new TimelineEvidence(input.Partitions, progress) { Quarantined = quarantined.Items, QuarantinedTotal = quarantined.Total };
        return new TimelineLookup(builder.Build(input with { LogClock = evidence.LogClock }), evidence);
    }

    /// <summary>Where the key would be written in each projected topic (Kafka's default partitioner).</summary>
    private List<PartitionId> PartitionsForKey(ReadProgress progress, string key) =>
    [
        .. progress.Partitions.Select(p => p.Partition.Topic).Distinct(StringComparer.Ordinal)
            .SelectMany(topic => progressSource.PartitionFor(topic, key) is { } partition ? [new PartitionId(topic, partition)] : Array.Empty<PartitionId>())
            .Order(TimelineOrder.Partitions),
    ];
}
