using Factline.Api.Events;

namespace Factline.Api.Topics;

/// <summary>Builds the <see cref="TmfTopic"/> for a Kafka topic, carrying only the selected attributes.</summary>
internal static class TopicRepresentation
{
    /// <param name="partitionCount">The topic's partitions, when known.</param>
    public static TmfTopic From(string name, string href, bool projected, int? partitionCount, FieldSelection fields) => new()
    {
        Id = name,
        Href = href,
        Name = fields.Includes(TopicAttributes.Name) ? name : null,
        PartitionCount = fields.Includes(TopicAttributes.PartitionCount) ? partitionCount : null,
        Projected = fields.Includes(TopicAttributes.Projected) ? projected : null,
        Type = fields.Includes(TopicAttributes.Type) ? TmfTopic.TopicType : null,
    };
}
