using Factline.Projection;

namespace Factline.Api.Topics;

/// <summary>How the Topic resource talks to Kafka and what it allows. Bound from "Factline:Api", beside <see cref="ApiOptions"/>.</summary>
public sealed class TopicOptions : ISelfValidatingOptions
{
    /// <summary>
    /// Whether <c>DELETE /topic/{id}</c> deletes the Kafka topic. Off by default: Kafka is the system of
    /// record and facts are immutable, so deleting a topic deletes history no projection can bring back.
    /// </summary>
    public bool AllowTopicDeletion { get; set; }

    /// <summary>How long a metadata, CreateTopics or DeleteTopics request may take before the API answers 503.</summary>
    public TimeSpan KafkaAdminTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long <c>POST /topic/{topicId}/event</c> waits for Kafka's acknowledgement before it answers 503
    /// (the API producer's <c>message.timeout.ms</c>, unless Factline:Kafka:Client sets one).
    /// </summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public void Validate()
    {
        OptionsSections.Positive(ApiOptions.Section, nameof(KafkaAdminTimeout), KafkaAdminTimeout);
        OptionsSections.Positive(ApiOptions.Section, nameof(DeliveryTimeout), DeliveryTimeout);
    }
}
