using System.Text.Json;
using Factline.Envelope;

namespace Factline.Tests.Infrastructure;

/// <summary>Valid facts to start from; adjust them with <c>with { ... }</c>.</summary>
public static class SampleFacts
{
    public static readonly DateTimeOffset Time = new(2026, 11, 26, 10, 15, 30, 123, TimeSpan.Zero);

    public static Fact Execution(string correlationId, string stage = "validation") => new()
    {
        EventId = $"evt-{Guid.NewGuid():N}",
        CorrelationId = correlationId,
        RecordType = RecordType.Execution,
        EventType = "ProductOrderCreateEvent",
        Stage = stage,
        Outcome = Outcome.Success,
        Timestamp = Time,
        Payload = RawJson.From(JsonSerializer.SerializeToElement(new { orderId = correlationId })),
        Metadata = new FactMetadata { Producer = "order-svc", Version = "3.4.1", Spec = "TMF622 v4" },
    };
}
