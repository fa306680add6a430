using System.Text.Json;
using Factline.Api.Errors;
using Factline.Api.Json;
using Factline.Kafka;

namespace Factline.Api.Topics;

/// <summary>A validated <c>POST /topic</c> body: a legal Kafka topic name and the settings to create it with.</summary>
internal sealed record TopicCreateRequest(string Name, int? PartitionCount, short? ReplicationFactor)
{
    /// <summary>Reads and checks the body; every problem is a 400 naming the member at fault.</summary>
    public static TopicCreateRequest Parse(byte[] body)
    {
        TopicCreate? topic;
        try
        {
            topic = JsonSerializer.Deserialize(body, ApiJsonContext.Default.TopicCreate);
        }
        catch (JsonException e)
        {
            throw Describe(e, body);
        }
        if (topic is null)
            throw TopicErrors.InvalidBody(null, "the body is JSON null, not a Topic_Create object");

        if (topic.ContentQuery is not null || topic.HeaderQuery is not null)
            throw TopicErrors.InvalidBody(topic.ContentQuery is not null ? "contentQuery" : "headerQuery",
                "is not supported: a Kafka topic carries every fact written to it; filter when reading, with the event list's filters");
        if (topic.Type is not null && topic.Type != TmfTopic.TopicType)
            throw TopicErrors.InvalidBody("@type", $"must be {TmfTopic.TopicType} when given, not '{topic.Type}'");
        if (topic.PartitionCount < 1)
            throw TopicErrors.InvalidBody("partitionCount", $"must be 1 or more, got {topic.PartitionCount}");
        if (topic.ReplicationFactor < 1)
            throw TopicErrors.InvalidBody("replicationFactor", $"must be 1 or more, got {topic.ReplicationFactor}");
        return new TopicCreateRequest(CheckName(topic.Name), topic.PartitionCount, topic.ReplicationFactor);
    }

    private static string CheckName(string? name) =>
        KafkaTopicNames.Problem(name) is { } problem ? throw TopicErrors.InvalidBody("name", problem) : name!;

    /// <summary>
    /// The serializer says where it stopped ("$.partitionCount" names a member, "$" the body) and wraps syntax
    /// errors in an inner exception; its own message names .NET types, so the answer is put in the API's words,
    /// from the member's value as the body has it.
    /// </summary>
    private static TmfErrorException Describe(JsonException e, byte[] body)
    {
        var member = e.Path is { } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        if (e.InnerException is JsonException || member is null)
            return TopicErrors.InvalidBody(null, $"the body is not a Topic_Create JSON object (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
        var members = ApiJsonContext.Default.TopicCreate.Properties.Select(p => p.Name).ToList();
        if (!members.Contains(member))
            return TopicErrors.InvalidBody(member, $"is not a member of Topic_Create, whose members are {string.Join(", ", members)}");
        // The syntax is sound (syntax errors were answered above), so the body reads as a document, duplicates and all.
        using var document = JsonDocument.Parse(body);
        var values = document.RootElement.EnumerateObject().Where(property => property.NameEquals(member)).Select(property => property.Value).ToList();
        return values switch
        {
            { Count: > 1 } => TopicErrors.InvalidBody(member, "is given more than once"),
            [{ ValueKind: JsonValueKind.Number } number] => TopicErrors.InvalidBody(member, WhyNotACount(number)),
            _ => TopicErrors.InvalidBody(member, "has the wrong JSON type"),
        };
    }

    /// <summary>Why a JSON number is not one of the counts the body takes, which are whole numbers written as such.</summary>
    private static string WhyNotACount(JsonElement number)
    {
        if (number.TryGetInt64(out _) || !number.TryGetDecimal(out var value) || value is > int.MaxValue or < int.MinValue)
            return "is out of range";
        return decimal.Truncate(value) == value
            ? $"must be written as a whole number, without a fraction or an exponent ({decimal.Truncate(value)}, not {number.GetRawText()})"
            : "must be a whole number";
    }
}
