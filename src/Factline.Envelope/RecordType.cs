using System.Text.Json.Serialization;

namespace Factline.Envelope;

/// <summary>INGRESS marks the arrival of an inbound message; EXECUTION marks work done for it.</summary>
public enum RecordType
{
    [JsonStringEnumMemberName("INGRESS")] Ingress,
    [JsonStringEnumMemberName("EXECUTION")] Execution,
}
