using System.Globalization;
using System.Text;
using Factline.Envelope;
using Factline.Storage;

namespace Factline.Tests.Api;

/// <summary>
/// Facts the API tests query: realistic order flows with retries, a dead-letter ending, an
/// ingress-only transaction, producer clocks that disagree with log order, and a bulk of generated
/// transactions for paging. Values are raw record JSON, decoded the way the projector decodes them.
/// </summary>
public static class ApiCorpus
{
    public const string OrderTopic = "tmf.facts";
    public const string ServiceTopic = "tmf.facts.service";
    public const string BulkEventType = "ResourceOrderCreateEvent";
    public const int BulkTransactions = 40;

    /// <summary>PO-2026-000123's facts in timeline order (producer time, then log position), not log order.</summary>
    public static readonly string[] Po123Timeline =
        ["po123-ingress", "po123-validate", "po123-inventory-1", "po123-billing", "po123-complete", "po123-inventory-2", "po123-notify"];

    public static IReadOnlyList<ProjectedFact> Facts { get; } = [.. Named(), .. Bulk()];

    public static async Task LoadIntoAsync(IProjectionWriter store)
    {
        var batch = new ProjectionBatch(
            Facts,
            [],
            [.. Facts.GroupBy(f => f.Position.PartitionId).Select(p => new Bookmark(p.Key, p.Max(f => f.Position.Offset) + 1))]);
        await store.ApplyAsync(batch);
    }

    private static IEnumerable<ProjectedFact> Named()
    {
        const string order = "\"metadata\":{\"producer\":\"order-svc\",\"version\":\"3.4.1\",\"spec\":\"TMF622 v4\"}";
        const string validation = "\"metadata\":{\"producer\":\"validation-svc\",\"version\":\"2.0.3\",\"spec\":\"TMF622 v4\"}";
        const string inventory = "\"metadata\":{\"producer\":\"inventory-adapter\",\"version\":\"1.9.0\",\"spec\":\"TMF622 v4\"}";
        const string service = "\"metadata\":{\"producer\":\"service-order-svc\",\"version\":\"1.2.0\",\"spec\":\"TMF641 v4\"}";

        // A completed order with a retried inventory call. The billing adapter's clock runs at +01:00 and
        // its fact reached Kafka late; the completion's producer clock is behind the inventory retry's.
        yield return Record(OrderTopic, 0, 0, "2026-11-26T10:15:30.130Z",
            $$$"""{"eventId":"po123-ingress","correlationId":"PO-2026-000123","messageId":"msg-7f3a","recordType":"INGRESS","eventType":"ProductOrderCreateEvent","stage":"api.ingress","outcome":"SUCCESS","timestamp":"2026-11-26T10:15:30.123+00:00","payload":{"productOrder":{"id":"PO-2026-000123","externalId":"shop-4410","orderItem":[{"id":"1","action":"add","productOffering":{"id":"FIBRE-500","name":"Fibre 500 – Zürich"}}]}},{{{order}}} }""");
        yield return Record(OrderTopic, 0, 1, "2026-11-26T10:15:30.405Z",
            $$$"""{"eventId":"po123-validate","correlationId":"PO-2026-000123","recordType":"EXECUTION","eventType":"ProductOrderCreateEvent","stage":"order.validation","outcome":"SUCCESS","timestamp":"2026-11-26T10:15:30.400Z",{{{validation}}} }""");
        yield return Record(OrderTopic, 0, 2, "2026-11-26T10:15:31.010Z",
            $$$"""{"eventId":"po123-inventory-1","correlationId":"PO-2026-000123","recordType":"EXECUTION","eventType":"ProductOrderCreateEvent","stage":"adapter.inventory","outcome":"ERROR","attempt":1,"timestamp":"2026-11-26T10:15:31.000Z","error":{"code":"INV-503","message":"inventory adapter timed out","retryable":true},"payload":{"timeoutMs":1000},{{{inventory}}} }""");
        yield return Record(OrderTopic, 0, 3, "2026-11-26T10:15:34.000Z",
            """{"eventId":"po123-billing","correlationId":"PO-2026-000123","recordType":"EXECUTION","eventType":"ProductOrderCreateEvent","stage":"adapter.billing","outcome":"SUCCESS","timestamp":"2026-11-26T11:15:32.500+01:00","payload":{"billingAccount":"BA-301"},"metadata":{"producer":"billing-adapter","version":"4.1.0","spec":"TMF622 v4"}}""");
        yield return Record(OrderTopic, 0, 4, "2026-11-26T10:15:33.020Z",
            $$$"""{"eventId":"po123-inventory-2","correlationId":"PO-2026-000123","recordType":"EXECUTION","eventType":"ProductOrderCreateEvent","stage":"adapter.inventory","outcome":"SUCCESS","attempt":2,"timestamp":"2026-11-26T10:15:33.000Z","payload":{"reservationId":"RES-77120"},{{{inventory}}} }""");
        yield return Record(OrderTopic, 0, 5, "2026-11-26T10:15:34.100Z",
            $$$"""{"eventId":"po123-complete","correlationId":"PO-2026-000123","recordType":"EXECUTION","eventType":"ProductOrderStateChangeEvent","stage":"order.completion","outcome":"SUCCESS","timestamp":"2026-11-26T10:15:32.900Z","payload":{"state":"completed"},{{{order}}} }""");
        // Same producer time as po123-inventory-2: the log position decides.
        yield return Record(OrderTopic, 0, 6, "2026-11-26T10:15:34.200Z",
            """{"eventId":"po123-notify","correlationId":"PO-2026-000123","recordType":"EXECUTION","stage":"notification","outcome":"SUCCESS","timestamp":"2026-11-26T10:15:33.000Z","metadata":{"producer":"notify-svc"}}""");

        // An order that stops after ingress, and one that ends in the dead-letter stage.
        // Offsets skip numbers (transaction markers), as real Kafka offsets do.
        yield return Record(OrderTopic, 1, 0, "2026-11-26T10:20:00.004Z",
            $$$"""{"eventId":"po124-ingress","correlationId":"PO-2026-000124","messageId":"msg-8a01","recordType":"INGRESS","eventType":"ProductOrderCreateEvent","stage":"api.ingress","outcome":"SUCCESS","timestamp":"2026-11-26T10:20:00.000Z","payload":{"productOrder":{"id":"PO-2026-000124"}},{{{order}}} }""");
        yield return Record(OrderTopic, 1, 1, "2026-11-26T10:21:00.004Z",
            $$$"""{"eventId":"po125-ingress","correlationId":"PO-2026-000125","messageId":"msg-8a02","recordType":"INGRESS","eventType":"ProductOrderCreateEvent","stage":"api.ingress","outcome":"SUCCESS","timestamp":"2026-11-26T10:21:00.000Z","payload":{"productOrder":{"id":"PO-2026-000125","orderItem":[]}},{{{order}}} }""");
        yield return Record(OrderTopic, 1, 2, "2026-11-26T10:21:00.305Z",
            $$$"""{"eventId":"po125-validate-1","correlationId":"PO-2026-000125","recordType":"EXECUTION","eventType":"ProductOrderCreateEvent","stage":"order.validation","outcome":"ERROR","attempt":1,"timestamp":"2026-11-26T10:21:00.300Z","error":{"code":"VAL-400","message":"orderItem must not be empty","retryable":false},{{{validation}}} }""");
        yield return Record(OrderTopic, 1, 5, "2026-11-26T10:21:01.004Z",
            $$$"""{"eventId":"po125-deadletter","correlationId":"PO-2026-000125","recordType":"EXECUTION","eventType":"ProductOrderCreateEvent","stage":"order.deadletter","outcome":"ERROR","timestamp":"2026-11-26T10:21:01.000Z","error":{"code":"DLQ-001","message":"order parked after a validation failure","retryable":false},{{{order}}} }""");

        // A service order on another topic, still unresolved; its last record carries no broker time.
        yield return Record(ServiceTopic, 0, 0, "2026-11-26T10:22:00.010Z",
            $$$"""{"eventId":"so900-ingress","correlationId":"SO-2026-000900","messageId":"msg-s900","recordType":"INGRESS","eventType":"ServiceOrderCreateEvent","stage":"api.ingress","outcome":"SUCCESS","timestamp":"2026-11-26T11:22:00.000+01:00",{{{service}}} }""");
        yield return Record(ServiceTopic, 0, 1, "2026-11-26T10:22:05.010Z",
            $$$"""{"eventId":"so900-activation","correlationId":"SO-2026-000900","recordType":"EXECUTION","eventType":"ServiceOrderCreateEvent","stage":"adapter.activation","outcome":"IN_PROGRESS","timestamp":"2026-11-26T10:22:05.000Z",{{{service}}} }""");
        yield return Record(ServiceTopic, 0, 2, null,
            $$$"""{"eventId":"so900-activation-3","correlationId":"SO-2026-000900","recordType":"EXECUTION","eventType":"ServiceOrderCreateEvent","stage":"adapter.activation","outcome":"UNKNOWN","attempt":3,"timestamp":"2026-11-26T10:22:30.000Z","error":{"code":"ACT-TIMEOUT"},{{{service}}} }""");
    }

    /// <summary>Short successful transactions in partition 2; every two share a producer second, so sorts have ties.</summary>
    private static IEnumerable<ProjectedFact> Bulk()
    {
        var start = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
        string[] stages = ["load.ingress", "load.validation", "load.completion"];
        for (var n = 0; n < BulkTransactions; n++)
        {
            for (var step = 0; step < stages.Length; step++)
            {
                var time = Rfc3339.Format(start.AddSeconds(n / 2 * 10 + step));
                var offset = n * stages.Length + step;
                var ingress = step == 0 ? $"\"messageId\":\"load-msg-{n:D3}\",\"recordType\":\"INGRESS\"" : "\"recordType\":\"EXECUTION\"";
                yield return Record(OrderTopic, 2, offset, time,
                    $$$"""{"eventId":"load-{{{n:D3}}}-{{{step}}}","correlationId":"RO-2026-{{{n:D6}}}",{{{ingress}}},"eventType":"{{{BulkEventType}}}","stage":"{{{stages[step]}}}","outcome":"SUCCESS","timestamp":"{{{time}}}","metadata":{"producer":"load-gen"}}""");
            }
        }
    }

    private static ProjectedFact Record(string topic, int partition, long offset, string? brokerTime, string value)
    {
        var raw = Encoding.UTF8.GetBytes(value);
        var decoded = FactCodec.Decode(raw);
        if (!decoded.IsValid)
            throw new InvalidDataException($"corpus record {topic}/{partition}@{offset} is not a valid fact: {decoded.Problem}");
        DateTimeOffset? broker = brokerTime is null ? null : DateTimeOffset.Parse(brokerTime, CultureInfo.InvariantCulture);
        return new ProjectedFact(decoded.Fact, new LogPosition(topic, partition, offset, broker), raw);
    }
}
