using Factline.Envelope;
using Factline.Kafka.Producing;

namespace Factline.Simulator.Traffic;

/// <summary>Sends simulated facts to Kafka through the services' own <see cref="FactProducer"/> (key = correlationId).</summary>
/// <remarks>The producer stays owned by the caller, who disposes it (which also delivers whatever is still queued).</remarks>
public sealed class FactProducerSink(FactProducer producer) : IFactSink
{
    public void Produce(Fact fact) => producer.Produce(fact);

    public void Flush(CancellationToken cancellationToken) => producer.Flush(cancellationToken);
}
