using Factline.Envelope;
using Factline.Kafka;
using Factline.Kafka.Producing;
using Factline.Simulator;

namespace Factline.Tests.ScaleOut;

/// <summary>
/// Simulated TM Forum traffic produced in the background at a steady pace while a test changes the
/// consumer group around it. Remembers every fact it handed to the producer.
/// </summary>
public sealed class ContinuousTraffic : IAsyncDisposable
{
    private const int FactsPerTick = 40;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(25);

    private readonly FactProducer _producer;
    private readonly List<Fact> _produced = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    /// <param name="maximumFacts">The traffic ends by itself after this many facts, so a slow test cannot overrun the broker's retention.</param>
    private ContinuousTraffic(KafkaOptions cluster, string topic, int maximumFacts)
    {
        // zstd keeps about ten times more of this repetitive JSON within the mock broker's ~5 MiB per partition.
        cluster.Client["compression.type"] = "zstd";
        _producer = new FactProducer(new FactProducerOptions { Kafka = cluster, Topic = topic });
        _running = Task.Run(() => ProduceAsync(maximumFacts, _stop.Token));
    }

    /// <summary>Facts handed to the producer so far.</summary>
    public int Count
    {
        get
        {
            lock (_produced)
                return _produced.Count;
        }
    }

    public static ContinuousTraffic Start(KafkaOptions cluster, string topic, int maximumFacts) => new(cluster, topic, maximumFacts);

    /// <summary>Stops producing and waits until the broker has acknowledged every fact; returns them all.</summary>
    /// <exception cref="InvalidOperationException">A fact was not delivered.</exception>
    public async Task<IReadOnlyList<Fact>> StopAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _producer.Flush();
        lock (_produced)
            return [.. _produced];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _producer.Dispose();
        _stop.Dispose();
    }

    private async Task ProduceAsync(int maximumFacts, CancellationToken stop)
    {
        using var transactions = new FlowGenerator(new SimulatorOptions { Seed = 11 }).Transactions().GetEnumerator();
        using var ticks = new PeriodicTimer(Tick);
        while (Count < maximumFacts && await WaitAsync(ticks, stop))
        {
            var tick = new List<Fact>(FactsPerTick);
            while (tick.Count < FactsPerTick && transactions.MoveNext())
                tick.AddRange(transactions.Current.Facts.Select(simulated => simulated.Fact));
            foreach (var fact in tick)
                _producer.Produce(fact);
            lock (_produced)
                _produced.AddRange(tick);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer ticks, CancellationToken stop)
    {
        try
        {
            return await ticks.WaitForNextTickAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
