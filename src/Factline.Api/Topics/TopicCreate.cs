using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Factline.Api.Topics;

/// <summary>
/// The body of <c>POST /topic</c> (TMF688 <c>Topic_Create</c>) with the two Kafka settings a new topic
/// needs. Nothing in it is silently ignored: an unknown member is refused, and so are the TMF filters,
/// which a Kafka topic cannot apply.
/// </summary>
[Description("A Kafka topic to create (TMF688 Topic_Create, extended with partitionCount and replicationFactor).")]
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed class TopicCreate
{
    [Description("Required. The Kafka topic name: letters, digits, '.', '_' and '-', at most 249 characters.")]
    public string? Name { get; init; }

    [Description("Partitions of the new topic, 1 or more; the broker's default when absent.")]
    public int? PartitionCount { get; init; }

    [Description("Replicas of each partition, 1 or more; the broker's default when absent.")]
    public short? ReplicationFactor { get; init; }

    [Description("Not supported: a Kafka topic carries every fact written to it. Filter when reading, with the event list's filters.")]
    public string? ContentQuery { get; init; }

    [Description("Not supported, like contentQuery.")]
    public string? HeaderQuery { get; init; }

    [JsonPropertyName("@type")]
    [Description("Topic, when given.")]
    public string? Type { get; init; }

    [JsonPropertyName("@baseType")]
    [Description("Accepted and not used.")]
    public string? BaseType { get; init; }

    [JsonPropertyName("@schemaLocation")]
    [Description("Accepted and not used.")]
    public string? SchemaLocation { get; init; }
}
