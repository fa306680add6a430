using Factline.Simulator;
using Factline.Simulator.Flows;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.Simulator;

public sealed class FlowGeneratorTests
{
    [Theory]
    [InlineData(SimulatorProfile.Demo)]
    [InlineData(SimulatorProfile.Benchmark)]
    public void The_same_seed_gives_the_same_facts(SimulatorProfile profile)
    {
        var first = Simulation.Generate(Simulation.Options(seed: 42, profile), 300);
        var second = Simulation.Generate(Simulation.Options(seed: 42, profile), 300);

        Assert.Equal(first.Facts().Encoded(), second.Facts().Encoded());
        Assert.Equal(first.Select(t => (t.Shape, t.StartedAt)), second.Select(t => (t.Shape, t.StartedAt)));
        Assert.Equal(first.SelectMany(t => t.Facts.Select(f => f.SinceStart)), second.SelectMany(t => t.Facts.Select(f => f.SinceStart)));
    }

    [Fact]
    public void Different_seeds_give_different_facts()
    {
        var first = Simulation.Generate(Simulation.Options(seed: 1), 50).Facts().Encoded();
        var second = Simulation.Generate(Simulation.Options(seed: 2), 50).Facts().Encoded();

        Assert.Empty(first.Intersect(second));
    }

    [Fact]
    public void Without_a_seed_one_is_drawn_and_reported_so_the_run_can_be_repeated()
    {
        var generator = new FlowGenerator(new SimulatorOptions());
        var run = generator.Transactions().Take(20).Facts().Encoded();

        var repeat = Simulation.Generate(Simulation.Options(seed: generator.Seed), 20).Facts().Encoded();

        Assert.Equal(run, repeat);
    }

    [Fact]
    public void Transactions_are_laid_out_from_the_start_time_with_the_configured_mean_spacing()
    {
        var start = new DateTimeOffset(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);
        var options = new SimulatorOptions { Seed = 8, StartTime = start, MeanTransactionSpacingMs = 40 };

        var transactions = Simulation.Generate(options, 2_000);

        Assert.Equal(start, transactions[0].StartedAt);
        Assert.True(transactions.Zip(transactions.Skip(1)).All(p => p.First.StartedAt <= p.Second.StartedAt));
        var meanSpacingMs = (transactions[^1].StartedAt - start).TotalMilliseconds / (transactions.Count - 1);
        Assert.InRange(meanSpacingMs, 36, 44);
        Assert.All(transactions, t => Assert.StartsWith(t.Flow.CorrelationPrefix + "-2027-", t.CorrelationId));
    }

    [Fact]
    public void With_a_clock_each_transaction_starts_at_its_now_and_never_before_the_previous_one()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 1, 9, 30, 0, 123, TimeSpan.Zero).AddTicks(4567));
        var generator = new FlowGenerator(new SimulatorOptions { Seed = 1, Clock = clock });

        var first = generator.Next();
        clock.Now = clock.Now.AddSeconds(5);
        var second = generator.Next();
        clock.Now = clock.Now.AddSeconds(-60); // the wall clock stepped back
        var third = generator.Next();

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 30, 0, 123, TimeSpan.Zero), first.StartedAt);
        Assert.Equal(first.StartedAt.AddSeconds(5), second.StartedAt);
        Assert.Equal(second.StartedAt, third.StartedAt);
    }

    [Fact]
    public void Producer_timestamps_are_the_true_time_read_from_slightly_skewed_service_clocks()
    {
        var options = new SimulatorOptions { Seed = 13, MaxClockSkewMs = 3 };
        var transactions = Simulation.Generate(options, 2_000);

        var offsets = transactions.SelectMany(t => t.Facts.Select(f => (f.Fact.Timestamp - t.StartedAt - f.SinceStart).TotalMilliseconds)).ToList();
        Assert.All(offsets, offset => Assert.InRange(offset, -3, 3));
        Assert.Contains(offsets, offset => offset != 0);
        // Occasionally a fact handed to the next service carries an earlier timestamp than the one before it.
        var reordered = transactions.Count(t => t.Facts.Zip(t.Facts.Skip(1)).Any(p => p.Second.Fact.Timestamp < p.First.Fact.Timestamp));
        Assert.InRange(reordered, 1, transactions.Count / 2);
    }

    [Fact]
    public void Without_skew_producer_time_order_is_log_order()
    {
        var transactions = Simulation.Generate(new SimulatorOptions { Seed = 13, MaxClockSkewMs = 0 }, 1_000);

        Assert.All(transactions, t => Assert.All(t.Facts, f => Assert.Equal(t.StartedAt + f.SinceStart, f.Fact.Timestamp)));
    }

    [Fact]
    public void Event_ids_are_ulids_that_sort_by_producer_time()
    {
        var facts = Simulation.Generate(Simulation.Options(seed: 6), 200).Facts().ToList();

        Assert.All(facts, f => Assert.Matches("^[0-9A-HJKMNP-TV-Z]{26}$", f.EventId));
        var byId = facts.OrderBy(f => f.EventId, StringComparer.Ordinal).Select(f => f.Timestamp).ToList();
        Assert.Equal(byId.Order(), byId);
    }

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Options_that_cannot_work_are_refused_at_construction(SimulatorOptions options)
    {
        Assert.Throws<ArgumentException>(() => new FlowGenerator(options));
    }

    public static TheoryData<SimulatorOptions> BadOptions() =>
    [
        new() { Mix = new FlowMix() },
        new() { Mix = new FlowMix { Success = 1, DeadLetter = -0.5 } },
        new() { Mix = new FlowMix { Success = double.NaN } },
        new() { MeanTransactionSpacingMs = -1 },
        new() { MaxClockSkewMs = -1 },
    ];
}
