using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Factline.Api.Topics;

/// <summary>
/// A Kafka topic as a TMF688 <c>Topic</c>, extended with what the cluster and the configuration say about it.
/// Absent values are omitted, which is also how <c>fields=</c> leaves attributes out.
/// </summary>
[Description("A Kafka topic as a TMF688 Topic: an event channel whose facts Factline projects.")]
internal sealed class TmfTopic
{
    public const string TopicType = "Topic";

    [JsonPropertyName(TopicAttributes.Id)]
    [Description("The Kafka topic name.")]
    public required string Id { get; init; }

    [JsonPropertyName(TopicAttributes.Href)]
    [Description("Where this topic can be read again, under the base path the request used.")]
    public required string Href { get; init; }

    [JsonPropertyName(TopicAttributes.Name)]
    [Description("The Kafka topic name (the same as id).")]
    public string? Name { get; init; }

    [JsonPropertyName(TopicAttributes.PartitionCount)]
    [Description("The topic's partitions, from the cluster's metadata; absent while the cluster has no such topic.")]
    public int? PartitionCount { get; init; }

    [JsonPropertyName(TopicAttributes.Projected)]
    [Description("Whether Factline projects the topic's facts, i.e. the topic is listed in Factline:Kafka:Topics. " +
        "A topic created through POST /topic is not projected until it is added there and Factline is restarted.")]
    public bool? Projected { get; init; }

    [JsonPropertyName(TopicAttributes.Type)]
    [Description("Always Topic.")]
    public string? Type { get; init; }
}
