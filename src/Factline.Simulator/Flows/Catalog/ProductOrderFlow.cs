namespace Factline.Simulator.Flows.Catalog;

/// <summary>
/// TMF622 product ordering: the order service validates and enriches the order, then calls nine
/// downstream systems through adapters. A clean run is 20 facts, the benchmark's transaction length.
/// </summary>
internal static class ProductOrderFlow
{
    private static readonly ServiceIdentity OrderService = new("order-svc", "3.4.1", "TMF622 v4");

    public static readonly FlowTemplate Template = new(
        Name: "TMF622 ProductOrder",
        CorrelationPrefix: "PO",
        EventType: "ProductOrderCreateEvent",
        EntityType: "ProductOrder",
        IdField: "orderId",
        ItemsField: "productOrderItem",
        ItemAction: "add",
        Items: ["FIBRE-1G", "FIBRE-500M", "MOBILE-5G-UNL", "IPTV-PREMIUM", "STATIC-IP", "WIFI-MESH", "VOIP-LINE"],
        Channels: ["web", "app", "retail", "partner-api"],
        Owner: OrderService,
        IngressStage: "ingress.http",
        Stages:
        [
            new("validation", OrderService, "order.validate", 2, 12, 1_000,
                [new("VAL-422", "productOffering is not orderable for this customer", Retryable: false)]),
            new("enrichment", OrderService, "order.enrich", 8, 40, 1_000,
                [new("ENR-404", "customer account not found", Retryable: false)]),
            new("adapter.catalog", new("catalog-adapter", "1.9.0", "TMF620 v4"), "catalog.lookup", 20, 90, 2_000,
                [new("CAT-503", "product catalog unavailable (HTTP 503)", Retryable: true, HttpStatus: 503)]),
            new("adapter.qualification", new("qualification-adapter", "2.2.1", "TMF679 v4"), "qualification.check", 60, 300, 4_000,
                [
                    new("QUAL-504", "qualification service timed out", Retryable: true, TimedOut: true),
                    new("QUAL-409", "address is not serviceable", Retryable: false, HttpStatus: 409),
                ]),
            new("adapter.inventory", new("inventory-adapter", "2.8.0", "TMF637 v4"), "inventory.reserve", 40, 200, 3_000,
                [
                    new("INV-504", "inventory adapter timed out", Retryable: true, TimedOut: true),
                    new("INV-409", "resource already reserved by another order", Retryable: false, HttpStatus: 409),
                ]),
            new("adapter.payment", new("payment-adapter", "4.0.3", "TMF676 v4"), "payment.authorize", 80, 400, 5_000,
                [
                    new("PAY-503", "payment gateway unavailable (HTTP 503)", Retryable: true, HttpStatus: 503),
                    new("PAY-402", "payment declined by issuer", Retryable: false, HttpStatus: 402),
                ]),
            new("adapter.billing", new("billing-adapter", "1.12.3", "TMF678 v4"), "billing.createAccount", 50, 250, 3_000,
                [
                    new("BIL-503", "billing system unavailable (HTTP 503)", Retryable: true, HttpStatus: 503),
                    new("TIMEOUT", "billing call timed out after 3000 ms", Retryable: true, TimedOut: true),
                ]),
            new("adapter.provisioning", new("provisioning-adapter", "5.0.2", "TMF641 v4"), "provisioning.submit", 100, 800, 5_000,
                [
                    new("TIMEOUT", "provisioning call timed out after 5000 ms", Retryable: true, TimedOut: true),
                    new("PRV-400", "service order rejected: invalid characteristic", Retryable: false, HttpStatus: 400),
                ]),
            new("adapter.notification", new("notification-adapter", "1.4.0", "TMF681 v4"), "notification.send", 10, 80, 2_000,
                [new("NTF-503", "notification gateway unavailable (HTTP 503)", Retryable: true, HttpStatus: 503)]),
        ],
        TerminalStage: "order.completed");
}
