using Factline.Envelope;

namespace Factline.Simulator.Traffic;

/// <summary>Where the traffic simulator sends facts: Kafka (<see cref="FactProducerSink"/>) or anything a test or benchmark needs.</summary>
public interface IFactSink
{
    /// <summary>Hands one fact over without waiting for it to be stored; may block briefly under back-pressure.</summary>
    void Produce(Fact fact);

    /// <summary>Waits until every fact handed over so far is stored, and reports any that were not.</summary>
    void Flush(CancellationToken cancellationToken);
}
