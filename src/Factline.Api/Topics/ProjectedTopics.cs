using Factline.Kafka;

namespace Factline.Api.Topics;

/// <summary>The topics Factline projects (Factline:Kafka:Topics): the Topic resources this API serves.</summary>
internal sealed class ProjectedTopics(KafkaOptions kafka)
{
    /// <summary>In configuration order, which is the order topic lists come in.</summary>
    public IReadOnlyList<string> Names => kafka.Topics;

    public bool Contains(string name) => kafka.Topics.Contains(name, StringComparer.Ordinal);

    /// <summary>Ends the request with a 404 listing the projected topics unless <paramref name="name"/> is one of them.</summary>
    public void Require(string name)
    {
        if (!Contains(name))
            throw TopicErrors.UnknownTopic(name, Names);
    }
}
