using Factline.Simulator.Flows.Catalog;

namespace Factline.Simulator.Flows;

/// <summary>A flow template and how often it is drawn relative to the others.</summary>
public sealed record WeightedFlow(FlowTemplate Template, double Weight);

/// <summary>The flows the simulator knows, and the selections the profiles draw from.</summary>
public static class FlowCatalog
{
    public static FlowTemplate ProductOrder => ProductOrderFlow.Template;
    public static FlowTemplate ServiceOrder => ServiceOrderFlow.Template;
    public static FlowTemplate ResourceOrder => ResourceOrderFlow.Template;
    public static FlowTemplate Alarm => AlarmFlow.Template;

    /// <summary>All four TM Forum flows, product orders the most frequent.</summary>
    public static IReadOnlyList<WeightedFlow> Demo { get; } =
    [
        new(ProductOrder, 0.45),
        new(ServiceOrder, 0.25),
        new(ResourceOrder, 0.15),
        new(Alarm, 0.15),
    ];

    /// <summary>Only the product order flow, whose clean run is 20 facts: the benchmark's transaction length.</summary>
    public static IReadOnlyList<WeightedFlow> Benchmark { get; } = [new(ProductOrder, 1)];
}
