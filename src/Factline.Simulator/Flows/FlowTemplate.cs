namespace Factline.Simulator.Flows;

/// <summary>
/// A TM Forum flow: the inbound message (INGRESS), the EXECUTION stages in order, and the terminal stage.
/// </summary>
/// <param name="Name">A label for people, e.g. "TMF622 ProductOrder".</param>
/// <param name="CorrelationPrefix">Starts every correlationId of this flow, e.g. "PO" gives "PO-2026-000123".</param>
/// <param name="EventType">The fact's eventType on every fact of the flow, e.g. "ProductOrderCreateEvent".</param>
/// <param name="EntityType">The TM Forum resource the flow is about, written as the payload's "@type".</param>
/// <param name="IdField">The payload field naming the entity on EXECUTION facts, e.g. "orderId".</param>
/// <param name="ItemsField">The payload field listing the entity's items on the INGRESS fact, e.g. "productOrderItem".</param>
/// <param name="ItemAction">The action of each item, e.g. "add".</param>
/// <param name="Items">What an item can be (offerings, services, resources, alarmed objects).</param>
/// <param name="Channels">Where the inbound message may come from.</param>
/// <param name="Owner">The service that receives the message and records ingress, completion and dead-lettering.</param>
/// <param name="TerminalStage">The stage whose SUCCESS means the transaction completed, e.g. "order.completed".</param>
public sealed record FlowTemplate(
    string Name,
    string CorrelationPrefix,
    string EventType,
    string EntityType,
    string IdField,
    string ItemsField,
    string ItemAction,
    IReadOnlyList<string> Items,
    IReadOnlyList<string> Channels,
    ServiceIdentity Owner,
    string IngressStage,
    IReadOnlyList<StageTemplate> Stages,
    string TerminalStage)
{
    /// <summary>The stage a permanently failed transaction ends in.</summary>
    public const string DeadLetterStage = "deadletter";

    /// <summary>Whether the stage calls another system (an adapter) rather than running inside the owning service.</summary>
    public bool CallsDownstream(StageTemplate stage) => stage.Producer != Owner;
}
