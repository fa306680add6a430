using System.Text.Json.Serialization;

namespace Factline.Envelope;

/// <summary>What a stage reported. UNKNOWN means the producer itself could not tell.</summary>
public enum Outcome
{
    [JsonStringEnumMemberName("SUCCESS")] Success,
    [JsonStringEnumMemberName("ERROR")] Error,
    [JsonStringEnumMemberName("IN_PROGRESS")] InProgress,
    [JsonStringEnumMemberName("UNKNOWN")] Unknown,
}
