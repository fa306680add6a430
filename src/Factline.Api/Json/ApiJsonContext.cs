using System.Text.Json.Serialization;
using Factline.Api.Admin;
using Factline.Api.Errors;
using Factline.Api.Events;
using Factline.Api.Paging;
using Factline.Api.Quarantine;
using Factline.Api.Status;
using Factline.Api.Timelines;
using Factline.Api.Topics;

namespace Factline.Api.Json;

/// <summary>Source-generated JSON metadata for everything the API reads or writes: camelCase, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    // A body that names a member twice is ambiguous: refused, as the envelope refuses it, rather than read as its last value.
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(TmfEvent))]
[JsonSerializable(typeof(IReadOnlyList<TmfEvent>))]
[JsonSerializable(typeof(TmfError))]
[JsonSerializable(typeof(CursorToken))]
[JsonSerializable(typeof(ProjectionStatus))]
[JsonSerializable(typeof(EventPage))]
[JsonSerializable(typeof(IReadOnlyList<QuarantinedRecord>))]
[JsonSerializable(typeof(QuarantinedRecord))]
[JsonSerializable(typeof(TmfTimeline))]
[JsonSerializable(typeof(TmfTopic))]
[JsonSerializable(typeof(IReadOnlyList<TmfTopic>))]
[JsonSerializable(typeof(TopicCreate))]
[JsonSerializable(typeof(FactEnvelope))]
[JsonSerializable(typeof(RebuildRepresentation))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
