using Factline.Simulator.Flows;
using Factline.Simulator.Generation;

namespace Factline.Simulator;

/// <summary>
/// Generates transactions of realistic TM Forum flows as facts. Pure: no I/O, and with a fixed seed and
/// no <see cref="SimulatorOptions.Clock"/>, the same options always give the same facts. Not thread-safe.
/// </summary>
public sealed class FlowGenerator
{
    private readonly Random _random;
    private readonly IReadOnlyList<WeightedFlow> _flows;
    private readonly FlowMix _mix;
    private readonly TimeProvider? _clock;
    private readonly int _meanSpacingMs;
    private readonly TransactionPlanner _planner;
    private readonly TransactionWriter _writer;
    private DateTimeOffset _nextStart;
    private long _sequence;

    public FlowGenerator(SimulatorOptions options)
    {
        options.Validate();
        Seed = options.Seed ?? Random.Shared.Next();
        _random = new Random(Seed);
        _flows = options.Profile == SimulatorProfile.Benchmark ? FlowCatalog.Benchmark : FlowCatalog.Demo;
        _mix = options.Mix ?? (options.Profile == SimulatorProfile.Benchmark ? FlowMix.Benchmark() : FlowMix.Demo());
        _clock = options.Clock;
        _meanSpacingMs = options.MeanTransactionSpacingMs;
        _nextStart = TruncateToMilliseconds(options.StartTime);
        // Start numbering somewhere seed-dependent so that runs with different seeds rarely reuse correlationIds.
        _sequence = _random.Next(0, 500_000);

        var ids = new FactIdentifiers(_random);
        _planner = new TransactionPlanner(_random);
        _writer = new TransactionWriter(_random, ids, new ProducerClocks(_random, options.MaxClockSkewMs), new PayloadFactory());
    }

    /// <summary>The seed in use: the configured one, or the one drawn when none was configured.</summary>
    public int Seed { get; }

    public SimulatedTransaction Next()
    {
        var flow = WeightedDraw.Pick(_random, _flows, f => f.Weight).Template;
        var shape = _mix.Pick(_random);
        var startedAt = NextStartTime();
        var correlationId = $"{flow.CorrelationPrefix}-{startedAt.Year}-{++_sequence:D6}";
        var plan = _planner.Plan(flow, shape);
        return new SimulatedTransaction(correlationId, flow, shape, startedAt, _writer.Write(plan, correlationId, startedAt));
    }

    /// <summary>An endless sequence of transactions; take as many as needed.</summary>
    public IEnumerable<SimulatedTransaction> Transactions()
    {
        while (true)
            yield return Next();
    }

    private DateTimeOffset NextStartTime()
    {
        if (_clock is not null)
        {
            // Live: start now, but never before the previous transaction (clocks can step backwards).
            var now = TruncateToMilliseconds(_clock.GetUtcNow());
            _nextStart = now > _nextStart ? now : _nextStart;
            return _nextStart;
        }

        var startedAt = _nextStart;
        // Poisson arrivals: exponentially distributed gaps with the configured mean.
        var gapMs = Math.Round(-Math.Log(1 - _random.NextDouble()) * _meanSpacingMs);
        _nextStart = startedAt.AddMilliseconds(gapMs);
        return startedAt;
    }

    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value) =>
        new(value.Ticks - value.Ticks % TimeSpan.TicksPerMillisecond, value.Offset);
}
