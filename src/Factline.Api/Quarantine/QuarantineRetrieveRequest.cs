using System.Globalization;
using Factline.Api.Errors;
using Factline.Kafka;
using Factline.Storage.Queries;

namespace Factline.Api.Quarantine;

/// <summary>
/// A quarantined record's retrieval: the position in its path, no query parameter. A path that is no Kafka position
/// (a name Kafka refuses, a partition or offset that is not a whole number from 0) names nothing: a 404 that says so.
/// </summary>
internal static class QuarantineRetrieveRequest
{
    public static QuarantineQuery Parse(string topic, string partition, string offset, IQueryCollection parameters)
    {
        if (parameters.Count > 0)
            throw TmfErrorException.InvalidQueryParameter(parameters.Keys.First(), "is not supported when retrieving one quarantined record, which takes none");
        if (KafkaTopicNames.Problem(topic) is { } problem)
            throw NoPosition($"the topic {problem}");
        if (!int.TryParse(partition, NumberStyles.None, CultureInfo.InvariantCulture, out var partitionNumber))
            throw NoPosition($"the partition must be a whole number from 0, not '{partition}'");
        if (!long.TryParse(offset, NumberStyles.None, CultureInfo.InvariantCulture, out var logOffset))
            throw NoPosition($"the offset must be a whole number from 0, not '{offset}'");
        return new QuarantineQuery { Topic = topic, Partition = partitionNumber, LogOffset = logOffset, Limit = 1 };
    }

    private static TmfErrorException NoPosition(string problem) =>
        new(TmfError.ForStatus(StatusCodes.Status404NotFound, $"No quarantined record: the path names no Kafka position, as {problem}."));
}
