using Factline.Envelope;

namespace Factline.Bench.Corpus;

/// <summary>Watches the facts on their way to Kafka: counts them, their bytes and transactions, and keeps samples.</summary>
internal sealed class CorpusSampler(Random random)
{
    private const int EventIdSamples = 10_000;
    private const int CorrelationIdSamples = 2_000;
    private const int SearchSamples = 1_000;

    private readonly Reservoir<string> _eventIds = new(EventIdSamples, random);
    private readonly Reservoir<string> _correlationIds = new(CorrelationIdSamples, random);
    private readonly Reservoir<SearchSample> _searches = new(SearchSamples, random);
    private string? _lastCorrelationId;

    public long Facts { get; private set; }
    public long Transactions { get; private set; }

    /// <summary>The record values' total size: the JSON exactly as the producer writes it.</summary>
    public long RawBytes { get; private set; }

    public CorpusSamples Samples => new(_eventIds.Items, _correlationIds.Items, _searches.Items);

    public void Observe(Fact fact)
    {
        Facts++;
        // A second encoding, at load time only: the producer keeps its bytes to itself.
        RawBytes += FactCodec.Encode(fact).Length;
        _eventIds.Offer(fact.EventId);
        // Bulk loading sends one whole transaction after another, so a new correlationId starts a new transaction.
        if (fact.CorrelationId != _lastCorrelationId)
        {
            Transactions++;
            _correlationIds.Offer(fact.CorrelationId);
            _lastCorrelationId = fact.CorrelationId;
        }
        if (fact.EventType is { } eventType)
            _searches.Offer(new SearchSample(eventType, fact.Stage, WireNames.Of(fact.Outcome)));
    }
}
