using Factline.Simulator.Flows;
using Factline.Timelines;

namespace Factline.Tests.Timelines;

/// <summary>How pipelines resolve from configuration, defaults and overrides, and which configurations are refused.</summary>
public sealed class PipelineOptionsTests
{
    [Fact]
    public void Without_configuration_every_event_type_gets_the_built_in_defaults()
    {
        var pipeline = new PipelineOptions().For("ProductOrderCreateEvent");

        Assert.False(pipeline.IsConfigured);
        Assert.Empty(pipeline.ExpectedStages);
        Assert.Contains("order.completed", pipeline.TerminalSuccessStages);
        Assert.Equal(["deadletter", "dead-letter"], pipeline.TerminalFailureStages);
        Assert.Equal(TimeSpan.FromMinutes(5), pipeline.StallThreshold);
    }

    [Fact]
    public void The_built_in_terminal_stages_cover_every_flow_the_simulator_emits()
    {
        var pipeline = new PipelineOptions().For(null);

        Assert.All(
            [FlowCatalog.ProductOrder, FlowCatalog.ServiceOrder, FlowCatalog.ResourceOrder, FlowCatalog.Alarm],
            flow => Assert.True(pipeline.IsTerminalSuccess(flow.TerminalStage), flow.TerminalStage));
        Assert.True(pipeline.IsTerminalFailure(FlowTemplate.DeadLetterStage));
    }

    [Fact]
    public void Configuration_binds_a_default_and_per_event_type_values_that_override_it_value_by_value()
    {
        var options = Bind(new()
        {
            ["Factline:Pipelines:Default:StallThreshold"] = "00:02:00",
            ["Factline:Pipelines:Default:TerminalFailureStages:0"] = "order.deadletter",
            ["Factline:Pipelines:EventTypes:ProductOrderCreateEvent:ExpectedStages:0"] = "ingress.http",
            ["Factline:Pipelines:EventTypes:ProductOrderCreateEvent:ExpectedStages:1"] = "order.completed",
            ["Factline:Pipelines:EventTypes:ProductOrderCreateEvent:TerminalSuccessStages:0"] = "order.completed",
            ["Factline:Pipelines:EventTypes:ProductOrderCreateEvent:StallThreshold"] = "00:00:30",
        });

        var order = options.For("ProductOrderCreateEvent");
        var alarm = options.For("AlarmCreateEvent");

        Assert.True(order.IsConfigured);
        Assert.Equal(["ingress.http", "order.completed"], order.ExpectedStages);
        Assert.Equal(["order.completed"], order.TerminalSuccessStages);
        Assert.Equal(["order.deadletter"], order.TerminalFailureStages);
        Assert.Equal(TimeSpan.FromSeconds(30), order.StallThreshold);
        Assert.False(alarm.IsConfigured);
        Assert.Equal(TimeSpan.FromMinutes(2), alarm.StallThreshold);
        Assert.Equal(PipelineDefaults.TerminalSuccessStages, alarm.TerminalSuccessStages);
        Assert.Empty(options.Problems());
    }

    [Fact]
    public void Event_types_match_regardless_of_case_as_configuration_keys_do()
    {
        var options = Bind(new() { ["Factline:Pipelines:EventTypes:ProductOrderCreateEvent:StallThreshold"] = "00:00:30" });

        Assert.True(options.For("ProductOrderCreateEvent").IsConfigured);
        Assert.True(options.For("productordercreateevent").IsConfigured);
        Assert.False(options.For("ProductOrderCreate").IsConfigured);
        Assert.False(options.For(null).IsConfigured);
    }

    [Fact]
    public void An_upper_case_environment_variable_overrides_the_files_pipeline_of_the_same_event_type()
    {
        // A file names the event type as the facts do; the environment, as environment variables usually are, in capitals.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Factline:Pipelines:EventTypes:ProductOrderCreateEvent:ExpectedStages:0"] = "ingress.http",
                ["Factline:Pipelines:EventTypes:ProductOrderCreateEvent:StallThreshold"] = "00:10:00",
            })
            .AddInMemoryCollection(new Dictionary<string, string?> { ["FACTLINE:PIPELINES:EVENTTYPES:PRODUCTORDERCREATEEVENT:STALLTHRESHOLD"] = "00:00:07" })
            .Build();

        var order = configuration.GetSection(PipelineOptions.Section).Get<PipelineOptions>()!.For("ProductOrderCreateEvent");

        Assert.True(order.IsConfigured);
        Assert.Equal(["ingress.http"], order.ExpectedStages);
        Assert.Equal(TimeSpan.FromSeconds(7), order.StallThreshold);
    }

    [Fact]
    public void Every_misconfiguration_is_named_by_its_key()
    {
        var options = Bind(new()
        {
            ["Factline:Pipelines:Default:StallThreshold"] = "-00:00:01",
            ["Factline:Pipelines:EventTypes:AlarmCreateEvent:StallThreshold"] = "00:00:10",
            ["Factline:Pipelines:EventTypes:AlarmCreateEvent:ExpectedStages:0"] = " ",
            ["Factline:Pipelines:EventTypes:AlarmCreateEvent:TerminalSuccessStages:0"] = "alarm.closed",
            ["Factline:Pipelines:EventTypes:AlarmCreateEvent:TerminalFailureStages:0"] = "alarm.closed",
        });

        Assert.Equal(
            [
                "Factline:Pipelines:Default:StallThreshold must be positive, got -00:00:01",
                "Factline:Pipelines:EventTypes:AlarmCreateEvent:ExpectedStages must not contain a blank stage name",
                "Factline:Pipelines:EventTypes:AlarmCreateEvent: 'alarm.closed' cannot be both a terminal success and a terminal failure stage",
            ],
            options.Problems());
    }

    private static PipelineOptions Bind(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return configuration.GetSection(PipelineOptions.Section).Get<PipelineOptions>() ?? new PipelineOptions();
    }
}
