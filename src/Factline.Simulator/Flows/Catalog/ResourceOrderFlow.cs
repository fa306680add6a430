namespace Factline.Simulator.Flows.Catalog;

/// <summary>TMF652 resource ordering: reserve physical and logical resources, then configure the network.</summary>
internal static class ResourceOrderFlow
{
    private static readonly ServiceIdentity ResourceOrderService = new("resource-order-svc", "1.7.4", "TMF652 v4");

    public static readonly FlowTemplate Template = new(
        Name: "TMF652 ResourceOrder",
        CorrelationPrefix: "RO",
        EventType: "ResourceOrderCreateEvent",
        EntityType: "ResourceOrder",
        IdField: "orderId",
        ItemsField: "resourceOrderItem",
        ItemAction: "add",
        Items: ["ONT-G2110", "VLAN-ID", "IPV4-ADDRESS", "OLT-PORT"],
        Channels: ["service-order-svc"],
        Owner: ResourceOrderService,
        IngressStage: "ingress.http",
        Stages:
        [
            new("validation", ResourceOrderService, "resourceOrder.validate", 2, 10, 1_000,
                [new("VAL-400", "resourceSpecification reference is unknown", Retryable: false)]),
            new("adapter.resource-inventory", new("resource-inventory-adapter", "1.2.0", "TMF639 v4"), "resourceInventory.reserve", 30, 120, 3_000,
                [
                    new("RIN-503", "resource inventory unavailable (HTTP 503)", Retryable: true, HttpStatus: 503),
                    new("RIN-409", "no free port on the access node", Retryable: false, HttpStatus: 409),
                ]),
            new("adapter.network", new("network-adapter", "0.9.8", "TMF652 v4"), "network.configure", 150, 900, 6_000,
                [new("TIMEOUT", "network configuration timed out after 6000 ms", Retryable: true, TimedOut: true)]),
        ],
        TerminalStage: "resourceorder.completed");
}
