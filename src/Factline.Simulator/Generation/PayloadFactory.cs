using System.Buffers;
using System.Text.Json;
using Factline.Envelope;
using Factline.Simulator.Flows;

namespace Factline.Simulator.Generation;

/// <summary>
/// Writes the small JSON payloads facts carry: the inbound order on INGRESS, and on EXECUTION facts the
/// entity, the operation and what the call returned. Not thread-safe: it reuses one buffer.
/// </summary>
internal sealed class PayloadFactory
{
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _writer;

    public PayloadFactory() => _writer = new Utf8JsonWriter(_buffer);

    public RawJson Ingress(FlowTemplate flow, TransactionSubject subject) => Write(w =>
    {
        w.WriteString("id", subject.EntityId);
        w.WriteString("@type", flow.EntityType);
        w.WriteString("customer", subject.Customer);
        w.WriteString("channel", subject.Channel);
        w.WriteStartArray(flow.ItemsField);
        foreach (var item in subject.Items)
        {
            w.WriteStartObject();
            w.WriteString("action", flow.ItemAction);
            w.WriteString("id", item);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    /// <summary>An attempt's payload: what was called, and (once it ended) how long it took and what came back.</summary>
    public RawJson Attempt(FlowTemplate flow, TransactionSubject subject, StageTemplate stage,
        int? durationMs = null, string? reference = null, int? httpStatus = null) => Write(w =>
    {
        w.WriteString(flow.IdField, subject.EntityId);
        w.WriteString("operation", stage.Operation);
        if (durationMs is { } duration)
            w.WriteNumber("durationMs", duration);
        if (reference is not null)
            w.WriteString("reference", reference);
        if (httpStatus is { } status)
            w.WriteNumber("httpStatus", status);
    });

    public RawJson Completed(FlowTemplate flow, TransactionSubject subject, int totalMs) => Write(w =>
    {
        w.WriteString(flow.IdField, subject.EntityId);
        w.WriteString("state", "completed");
        w.WriteNumber("durationMs", totalMs);
    });

    public RawJson DeadLettered(FlowTemplate flow, TransactionSubject subject, StageTemplate failedStage, int attempts) => Write(w =>
    {
        w.WriteString(flow.IdField, subject.EntityId);
        w.WriteString("state", "failed");
        w.WriteString("failedStage", failedStage.Name);
        w.WriteNumber("attempts", attempts);
    });

    private RawJson Write(Action<Utf8JsonWriter> writeProperties)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        writeProperties(_writer);
        _writer.WriteEndObject();
        _writer.Flush();

        return RawJson.Parse(_buffer.WrittenSpan);
    }
}
