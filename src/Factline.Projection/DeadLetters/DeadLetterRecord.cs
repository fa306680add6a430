using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Factline.Storage;

namespace Factline.Projection.DeadLetters;

/// <summary>
/// A quarantined record as the dead-letter topic carries it: the record's key, the value as the quarantine keeps it
/// (cut to <see cref="ProjectorOptions.MaxQuarantinedBytes"/>), and in headers where it was read and why it was refused.
/// </summary>
public static class DeadLetterRecord
{
    public const string SourceTopic = "factline.source.topic";
    public const string SourcePartition = "factline.source.partition";
    public const string SourceOffset = "factline.source.offset";

    /// <summary>The source record's broker timestamp, in Unix milliseconds; absent when it had none.</summary>
    public const string SourceTimestamp = "factline.source.timestamp";

    /// <summary>As the API names it: INVALID_JSON, MISSING_FIELD, CONFLICT, ...</summary>
    public const string Reason = "factline.quarantine.reason";
    public const string Detail = "factline.quarantine.detail";

    /// <summary>The source value's full length in bytes: larger than the value carried when that was cut.</summary>
    public const string ValueLength = "factline.quarantine.value-length";

    /// <summary>For a conflict: the eventId it re-used, and where the fact kept for it was read.</summary>
    public const string EventId = "factline.conflict.event-id";
    public const string KeptTopic = "factline.conflict.kept-topic";
    public const string KeptPartition = "factline.conflict.kept-partition";
    public const string KeptOffset = "factline.conflict.kept-offset";

    public static Message<byte[]?, byte[]> Of(QuarantineEntry entry)
    {
        var position = entry.Position;
        var headers = new Headers();
        Add(headers, SourceTopic, position.Topic);
        Add(headers, SourcePartition, Text(position.Partition));
        Add(headers, SourceOffset, Text(position.Offset));
        if (position.BrokerTimestamp is { } timestamp)
            Add(headers, SourceTimestamp, Text(timestamp.ToUnixTimeMilliseconds()));
        Add(headers, Reason, QuarantineReasonNames.Of(entry.Reason));
        Add(headers, Detail, entry.Detail);
        Add(headers, ValueLength, Text(entry.RawLength));
        if (entry.ConflictsWith is { } kept)
        {
            Add(headers, EventId, entry.EventId ?? "");
            Add(headers, KeptTopic, kept.Topic);
            Add(headers, KeptPartition, Text(kept.Partition));
            Add(headers, KeptOffset, Text(kept.Offset));
        }
        return new Message<byte[]?, byte[]>
        {
            Key = entry.Key is null ? null : Encoding.UTF8.GetBytes(entry.Key),
            Value = entry.Raw.ToArray(),
            Headers = headers,
        };
    }

    private static void Add(Headers headers, string name, string value) => headers.Add(name, Encoding.UTF8.GetBytes(value));

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
