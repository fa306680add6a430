using Factline.Envelope;
using Factline.Simulator.Traffic;

namespace Factline.Tests.Simulator;

/// <summary>A sink that keeps every fact in memory and can act after each one (e.g. cancel the run).</summary>
internal sealed class RecordingSink(Action<RecordingSink>? afterProduce = null) : IFactSink
{
    private readonly List<Fact> _facts = [];

    public IReadOnlyList<Fact> Facts
    {
        get { lock (_facts) return [.. _facts]; }
    }

    public int FlushCount { get; private set; }

    public void Produce(Fact fact)
    {
        lock (_facts)
            _facts.Add(fact);
        afterProduce?.Invoke(this);
    }

    public void Flush(CancellationToken cancellationToken) => FlushCount++;
}
