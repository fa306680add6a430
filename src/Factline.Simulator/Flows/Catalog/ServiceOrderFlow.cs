namespace Factline.Simulator.Flows.Catalog;

/// <summary>TMF641 service ordering: decompose the order, allocate services, activate them in the network.</summary>
internal static class ServiceOrderFlow
{
    private static readonly ServiceIdentity ServiceOrderService = new("service-order-svc", "2.1.0", "TMF641 v4");

    public static readonly FlowTemplate Template = new(
        Name: "TMF641 ServiceOrder",
        CorrelationPrefix: "SO",
        EventType: "ServiceOrderCreateEvent",
        EntityType: "ServiceOrder",
        IdField: "orderId",
        ItemsField: "serviceOrderItem",
        ItemAction: "add",
        Items: ["CFS-INTERNET", "CFS-VOICE", "CFS-IPTV", "RFS-GPON-ACCESS"],
        Channels: ["order-svc", "partner-api"],
        Owner: ServiceOrderService,
        IngressStage: "ingress.kafka",
        Stages:
        [
            new("validation", ServiceOrderService, "serviceOrder.validate", 2, 10, 1_000,
                [new("VAL-400", "serviceSpecification reference is unknown", Retryable: false)]),
            new("decomposition", ServiceOrderService, "serviceOrder.decompose", 5, 30, 1_000, []),
            new("adapter.inventory", new("service-inventory-adapter", "3.0.1", "TMF638 v4"), "serviceInventory.allocate", 30, 150, 3_000,
                [new("INV-504", "service inventory timed out", Retryable: true, TimedOut: true)]),
            new("adapter.activation", new("activation-adapter", "2.5.0", "TMF640 v4"), "activation.activate", 200, 1_500, 8_000,
                [
                    new("ACT-503", "network controller unavailable (HTTP 503)", Retryable: true, HttpStatus: 503),
                    new("ACT-422", "port already in use on access node", Retryable: false, HttpStatus: 422),
                ]),
        ],
        TerminalStage: "serviceorder.completed");
}
