using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Factline.Tests.Conformance;

/// <summary>
/// One invalid request the kit sends and the TMF error it must get back. <see cref="Path"/> is relative to a
/// base path; <c>{topic}</c> and <c>{event}</c> stand for the kit's topic and one of its events.
/// </summary>
/// <param name="Code">The expected error code, or null where implementations may choose (e.g. NOT_FOUND or NOT_YET_OBSERVED).</param>
/// <param name="Names">Text the message must contain, such as the parameter or field at fault.</param>
public sealed record ErrorCase(
    string Name, string Method, string Path, HttpStatusCode Status, string? Code = null, string? Names = null,
    Func<ConformanceTarget, HttpContent>? Body = null)
{
    public static IReadOnlyList<ErrorCase> All { get; } =
    [
        // 400: a bad query parameter or body names what is wrong.
        new("negative offset", "GET", "/event?offset=-1", HttpStatusCode.BadRequest, "INVALID_QUERY_PARAMETER", "offset"),
        new("limit over the maximum", "GET", "/topic/{topic}/event?limit=100000", HttpStatusCode.BadRequest, "INVALID_QUERY_PARAMETER", "limit"),
        new("unknown filter", "GET", "/topic/{topic}/event?colour=blue", HttpStatusCode.BadRequest, "INVALID_QUERY_PARAMETER", "colour"),
        new("filter value not UTF-8 once decoded", "GET", "/event?correlationId=%C3%28", HttpStatusCode.BadRequest, "INVALID_QUERY_PARAMETER", "correlationId: is not text"),
        new("quarantine key not UTF-8 once decoded", "GET", "/quarantine?key=PO-%FF", HttpStatusCode.BadRequest, "INVALID_QUERY_PARAMETER", "key: is not text"),
        new("unknown outcome", "GET", "/event?outcome=MAYBE", HttpStatusCode.BadRequest, "INVALID_QUERY_PARAMETER", "'MAYBE' is not a valid outcome"),
        new("malformed time", "GET", "/event?eventTime.gte=yesterday", HttpStatusCode.BadRequest, "INVALID_QUERY_PARAMETER", "eventTime.gte"),
        new("unknown field", "GET", "/event/{event}?fields=colour", HttpStatusCode.BadRequest, "INVALID_QUERY_PARAMETER", "colour"),
        new("unknown topic parameter", "GET", "/topic?sort=name", HttpStatusCode.BadRequest, "INVALID_QUERY_PARAMETER", "sort"),
        new("unknown topic field", "GET", "/topic/{topic}?fields=colour", HttpStatusCode.BadRequest, "INVALID_QUERY_PARAMETER", "colour"),
        new("query parameter on a creation", "POST", "/topic/{topic}/event?fields=id", HttpStatusCode.BadRequest, "INVALID_QUERY_PARAMETER", "fields",
            target => Json(target.Corpus.Envelopes[0])),
        new("fact without eventId", "POST", "/topic/{topic}/event", HttpStatusCode.BadRequest, "INVALID_BODY", "eventId",
            _ => Json(new JsonObject { ["correlationId"] = "c", ["recordType"] = "EXECUTION", ["stage"] = "s", ["outcome"] = "SUCCESS", ["timestamp"] = "2026-11-26T10:15:30Z" })),
        new("fact with a bad outcome", "POST", "/topic/{topic}/event", HttpStatusCode.BadRequest, "INVALID_BODY", "outcome",
            target => Json(Mutated(target, "outcome", "MAYBE"))),
        new("fact without an offset in its timestamp", "POST", "/topic/{topic}/event", HttpStatusCode.BadRequest, "INVALID_BODY", "timestamp",
            target => Json(Mutated(target, "timestamp", "2026-11-26T10:15:30"))),
        new("fact that names eventId twice", "POST", "/topic/{topic}/event", HttpStatusCode.BadRequest, "INVALID_BODY", "eventId",
            target => new StringContent(target.Corpus.Envelopes[0].ToJsonString().TrimEnd('}') + ",\"eventId\":\"ctk-other\"}", Encoding.UTF8, "application/json")),
        new("fact that is not JSON", "POST", "/topic/{topic}/event", HttpStatusCode.BadRequest, "INVALID_BODY", "JSON",
            _ => new StringContent("{\"eventId\":", Encoding.UTF8, "application/json")),
        new("fact with a member name that is not text", "POST", "/topic/{topic}/event", HttpStatusCode.BadRequest, "INVALID_BODY", "lone surrogate escape",
            _ => new StringContent("{\"\\ud800\":1}", Encoding.UTF8, "application/json")),
        new("topic with an unknown member", "POST", "/topic", HttpStatusCode.BadRequest, "INVALID_BODY", "colour",
            _ => Json(new JsonObject { ["name"] = "ctk.never.created", ["colour"] = "blue" })),
        new("topic with a number for a name", "POST", "/topic", HttpStatusCode.BadRequest, "INVALID_BODY", "name",
            _ => Json(new JsonObject { ["name"] = 42 })),
        new("topic with an illegal name", "POST", "/topic", HttpStatusCode.BadRequest, "INVALID_BODY", "name",
            _ => Json(new JsonObject { ["name"] = "no spaces allowed" })),
        new("topic that names its name twice", "POST", "/topic", HttpStatusCode.BadRequest, "INVALID_BODY", "name: is given more than once",
            _ => new StringContent("{\"name\":\"ctk.never.created\",\"name\":\"ctk.never.created.either\"}", Encoding.UTF8, "application/json")),
        new("topic with more partitions than a whole number holds", "POST", "/topic", HttpStatusCode.BadRequest, "INVALID_BODY", "partitionCount: is out of range",
            _ => new StringContent("{\"name\":\"ctk.never.created\",\"partitionCount\":1000000000000}", Encoding.UTF8, "application/json")),
        new("topic with a partition count written with a fraction", "POST", "/topic", HttpStatusCode.BadRequest, "INVALID_BODY",
            "partitionCount: must be written as a whole number, without a fraction or an exponent (3, not 3E0)",
            _ => new StringContent("{\"name\":\"ctk.never.created\",\"partitionCount\":3E0}", Encoding.UTF8, "application/json")),
        new("topic with half a partition", "POST", "/topic", HttpStatusCode.BadRequest, "INVALID_BODY", "partitionCount: must be a whole number",
            _ => new StringContent("{\"name\":\"ctk.never.created\",\"partitionCount\":1.5}", Encoding.UTF8, "application/json")),

        // 404: unknown ids of every resource.
        new("unknown event", "GET", "/event/ctk-no-such-event", HttpStatusCode.NotFound, Names: "ctk-no-such-event"),
        new("unknown topic", "GET", "/topic/ctk.no.such.topic", HttpStatusCode.NotFound, "NOT_FOUND", "ctk.no.such.topic"),
        new("unknown event of a topic", "GET", "/topic/{topic}/event/ctk-no-such-event", HttpStatusCode.NotFound, Names: "ctk-no-such-event"),
        new("events of an unknown topic", "GET", "/topic/ctk.no.such.topic/event", HttpStatusCode.NotFound, "NOT_FOUND", "ctk.no.such.topic"),
        new("event of an unknown topic", "GET", "/topic/ctk.no.such.topic/event/{event}", HttpStatusCode.NotFound, "NOT_FOUND", "ctk.no.such.topic"),
        new("post to an unknown topic", "POST", "/topic/ctk.no.such.topic/event", HttpStatusCode.NotFound, "NOT_FOUND", "ctk.no.such.topic",
            target => Json(target.Corpus.Envelopes[0])),
        new("unknown resource", "GET", "/subscription", HttpStatusCode.NotFound, "NOT_FOUND"),

        // 501: the specification's Hub resources, which this implementation does not offer (no notifications).
        new("register a listener", "POST", "/hub", HttpStatusCode.NotImplemented, "NOT_IMPLEMENTED", "consume the Kafka topics",
            _ => Json(new JsonObject { ["callback"] = "http://listener.example/events" })),
        new("unregister a listener", "DELETE", "/hub/ctk-hub", HttpStatusCode.NotImplemented, "NOT_IMPLEMENTED", "consume the Kafka topics"),
        new("hubs of a topic", "GET", "/topic/{topic}/hub", HttpStatusCode.NotImplemented, "NOT_IMPLEMENTED", "consume the Kafka topics"),

        // 405: methods a resource does not offer, and topic deletion while it is disabled.
        new("delete a topic", "DELETE", "/topic/{topic}", HttpStatusCode.MethodNotAllowed, "TOPIC_DELETION_DISABLED", "immutable"),
        new("replace a topic", "PUT", "/topic/{topic}", HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED"),
        new("delete an event", "DELETE", "/topic/{topic}/event/{event}", HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED"),
        new("patch an event", "PATCH", "/event/{event}", HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED"),

        // 409: what exists already.
        new("create an existing topic", "POST", "/topic", HttpStatusCode.Conflict, "TOPIC_EXISTS", "{topic}",
            target => Json(new JsonObject { ["name"] = target.Topic })),
        new("reuse an eventId for other content", "POST", "/topic/{topic}/event", HttpStatusCode.Conflict, "EVENT_ID_CONFLICT", "{event}",
            target => Json(Mutated(target, "stage", "ctk.changed"))),

        // 413: larger than the largest record the projector accepts.
        new("oversized fact", "POST", "/topic/{topic}/event", HttpStatusCode.RequestEntityTooLarge, Names: "bytes",
            Body: target => Json(Mutated(target, "payload", new string('x', target.MaxRecordBytes)))),

        // 415: only JSON bodies.
        new("fact as text", "POST", "/topic/{topic}/event", HttpStatusCode.UnsupportedMediaType, Names: "text/plain",
            Body: target => new StringContent(target.Corpus.Envelopes[0].ToJsonString(), Encoding.UTF8, "text/plain")),
        new("fact without a Content-Type", "POST", "/topic/{topic}/event", HttpStatusCode.UnsupportedMediaType, Names: "Content-Type",
            Body: target => new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(target.Corpus.Envelopes[0].ToJsonString()))),
        new("topic as XML", "POST", "/topic", HttpStatusCode.UnsupportedMediaType, Names: "application/xml",
            Body: _ => new StringContent("<topic><name>x</name></topic>", Encoding.UTF8, "application/xml")),
        new("fact as a merge patch", "POST", "/topic/{topic}/event", HttpStatusCode.UnsupportedMediaType, Names: "application/merge-patch+json",
            Body: target => new StringContent(target.Corpus.Envelopes[0].ToJsonString(), Encoding.UTF8, "application/merge-patch+json")),
        new("fact in Latin-1", "POST", "/topic/{topic}/event", HttpStatusCode.UnsupportedMediaType, Names: "JSON is UTF-8",
            Body: target => new StringContent(target.Corpus.Envelopes[0].ToJsonString(), Encoding.Latin1, "application/json")),
        new("fact with two charsets", "POST", "/topic/{topic}/event", HttpStatusCode.UnsupportedMediaType, Names: "must say so once",
            Body: target => WithContentType(Json(target.Corpus.Envelopes[0]), "application/json; charset=utf-8; charset=latin1")),
        new("fact said to be compressed", "POST", "/topic/{topic}/event", HttpStatusCode.UnsupportedMediaType, Names: "Content-Encoding 'gzip'",
            Body: target => WithEncoding(Json(target.Corpus.Envelopes[0]), "gzip")),
    ];

    public override string ToString() => Name;

    /// <summary>The kit's first fact with one member replaced.</summary>
    private static JsonObject Mutated(ConformanceTarget target, string member, JsonNode value)
    {
        var envelope = target.Corpus.Envelopes[0].DeepClone().AsObject();
        envelope[member] = value;
        return envelope;
    }

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static HttpContent WithContentType(HttpContent content, string contentType)
    {
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static HttpContent WithEncoding(HttpContent content, string coding)
    {
        content.Headers.ContentEncoding.Add(coding);
        return content;
    }
}
