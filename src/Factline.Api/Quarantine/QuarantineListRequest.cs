using Factline.Api.Errors;
using Factline.Api.OpenApi;
using Factline.Api.Paging;
using Factline.Api.Queries;
using Factline.Kafka;
using Factline.Storage;
using Factline.Storage.Queries;

namespace Factline.Api.Quarantine;

/// <summary>
/// A quarantine list request: the filters <c>reason</c> (a comma list matches any of its reasons), <c>topic</c>,
/// <c>partition</c> and <c>key</c> (each once, all applying), and <c>offset</c> and <c>limit</c> for paging. Any other parameter, and an empty value, is a 400 naming it.
/// </summary>
internal static class QuarantineListRequest
{
    private const string Reason = "reason";
    private const string Topic = "topic";
    private const string Partition = "partition";
    private const string Key = "key";

    /// <summary>The parameters for the OpenAPI document.</summary>
    public static IReadOnlyList<object> Documentation { get; } =
    [
        new QueryParameterDoc(Reason, $"Why the records could not become facts: {string.Join(", ", QuarantineReasonNames.All)}; a comma list matches any of them.", FieldKind.Text),
        new QueryParameterDoc(Topic, "The topic the records were read from.", FieldKind.Text),
        new QueryParameterDoc(Partition, "The partition the records were read from (0 or more).", FieldKind.Integer),
        new QueryParameterDoc(Key, "The records' Kafka key, as text (normally the correlationId of the transaction they belong to).", FieldKind.Text),
        new QueryParameterDoc(ListParameters.Offset, "Items to skip (0 or more): paging, not a log offset.", FieldKind.Integer),
        PagingDocumentation.Limit,
        .. EventQueryDocumentation.ListResponseHeaders.Where(header => header.Name != PageHeaders.NextCursor),
    ];

    public static QuarantineQuery Parse(IQueryCollection parameters, ApiOptions options)
    {
        var query = new QuarantineQuery { Limit = options.DefaultLimit };
        foreach (var (name, values) in parameters)
        {
            var value = QueryValues.Single(name, values);
            if (value.Length == 0)
                throw TmfErrorException.InvalidQueryParameter(name, "has an empty value");
            query = name switch
            {
                Reason => query with { Reasons = [.. value.Split(',').Select(text => ParseReason(name, text))] },
                // A name Kafka refuses cannot have been read from (a comma list is not one): say so rather than list nothing.
                Topic => KafkaTopicNames.Problem(value) is { } problem
                    ? throw TmfErrorException.InvalidQueryParameter(name, problem)
                    : query with { Topic = value },
                Partition => query with { Partition = QueryValues.WholeNumber(name, value, 0, int.MaxValue) },
                Key => query with { Key = value },
                ListParameters.Offset => query with { Offset = QueryValues.Offset(values) },
                ListParameters.Limit => query with { Limit = QueryValues.Limit(values, options) },
                _ => throw TmfErrorException.InvalidQueryParameter(name,
                    "is not a quarantine filter (reason, topic, partition, key) or paging parameter (offset, limit)"),
            };
        }
        return query;
    }

    private static QuarantineReason ParseReason(string parameter, string text) =>
        QuarantineReasonNames.TryParse(text, out var reason)
            ? reason
            : throw TmfErrorException.InvalidQueryParameter(parameter, $"'{text}' is not one of {string.Join(", ", QuarantineReasonNames.All)}");
}
