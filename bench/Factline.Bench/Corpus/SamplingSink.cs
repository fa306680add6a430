using Factline.Envelope;
using Factline.Simulator.Traffic;

namespace Factline.Bench.Corpus;

/// <summary>Passes facts on to the real sink after the sampler has seen them.</summary>
internal sealed class SamplingSink(IFactSink inner, CorpusSampler sampler) : IFactSink
{
    public void Produce(Fact fact)
    {
        sampler.Observe(fact);
        inner.Produce(fact);
    }

    public void Flush(CancellationToken cancellationToken) => inner.Flush(cancellationToken);
}
