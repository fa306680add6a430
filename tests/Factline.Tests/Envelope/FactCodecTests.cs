using System.Globalization;
using System.Text;
using System.Text.Json;
using Factline.Envelope;

namespace Factline.Tests.Envelope;

public class FactCodecTests
{
    private const string GuideExample = """
        {
          "eventId": "01JD3Y8ZQ2N5W0T8K4M6P9R7SB",
          "correlationId": "PO-2026-000123",
          "messageId": "msg-7f3a",
          "recordType": "EXECUTION",
          "eventType": "ProductOrderCreateEvent",
          "stage": "adapter.inventory",
          "outcome": "ERROR",
          "attempt": 2,
          "timestamp": "2026-11-26T10:15:30.123+01:00",
          "error": { "code": "INV-503", "message": "inventory adapter timed out", "retryable": true },
          "payload": { "order": { "id": "42", "items": [1, 2.5, "x", null, true] } },
          "metadata": { "producer": "order-svc", "version": "3.4.1", "spec": "TMF622 v4" }
        }
        """;

    [Fact]
    public void Decodes_every_field_of_the_guide_example()
    {
        var result = FactCodec.Decode(Encoding.UTF8.GetBytes(GuideExample));

        Assert.True(result.IsValid, result.Problem?.ToString());
        var fact = result.Fact;
        Assert.Equal("01JD3Y8ZQ2N5W0T8K4M6P9R7SB", fact.EventId);
        Assert.Equal("PO-2026-000123", fact.CorrelationId);
        Assert.Equal("msg-7f3a", fact.MessageId);
        Assert.Equal(RecordType.Execution, fact.RecordType);
        Assert.Equal("ProductOrderCreateEvent", fact.EventType);
        Assert.Equal("adapter.inventory", fact.Stage);
        Assert.Equal(Outcome.Error, fact.Outcome);
        Assert.Equal(2, fact.Attempt);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 10, 15, 30, 123, TimeSpan.FromHours(1)), fact.Timestamp);
        Assert.Equal(TimeSpan.FromHours(1), fact.Timestamp.Offset);
        Assert.Equal(new FactError { Code = "INV-503", Message = "inventory adapter timed out", Retryable = true }, fact.Error);
        Assert.Equal(new FactMetadata { Producer = "order-svc", Version = "3.4.1", Spec = "TMF622 v4" }, fact.Metadata);
        Assert.Equal("42", fact.Payload!.Value.ToElement().GetProperty("order").GetProperty("id").GetString());
    }

    [Fact]
    public void Encode_then_decode_round_trips_the_fact()
    {
        var original = FactCodec.Decode(Encoding.UTF8.GetBytes(GuideExample)).Fact!;

        var encoded = FactCodec.Encode(original);
        var again = FactCodec.Decode(encoded);

        Assert.True(again.IsValid);
        Assert.Equal(original with { Payload = null }, again.Fact! with { Payload = null });
        Assert.True(JsonElement.DeepEquals(original.Payload!.Value.ToElement(), again.Fact!.Payload!.Value.ToElement()));
        Assert.Equal(original.Timestamp.Offset, again.Fact.Timestamp.Offset);
    }

    [Fact]
    public void Encodes_enums_with_their_wire_names_and_omits_absent_fields()
    {
        var fact = new Fact
        {
            EventId = "e1",
            CorrelationId = "c1",
            RecordType = RecordType.Ingress,
            Stage = "ingress.http",
            Outcome = Outcome.InProgress,
            Timestamp = DateTimeOffset.Parse("2026-11-26T10:00:00Z"),
        };

        using var json = JsonDocument.Parse(FactCodec.Encode(fact));
        var root = json.RootElement;

        Assert.Equal("INGRESS", root.GetProperty("recordType").GetString());
        Assert.Equal("IN_PROGRESS", root.GetProperty("outcome").GetString());
        Assert.Equal(1, root.GetProperty("attempt").GetInt32());
        Assert.False(root.TryGetProperty("messageId", out _));
        Assert.False(root.TryGetProperty("payload", out _));
    }

    [Fact]
    public void Attempt_defaults_to_one_and_optional_fields_may_be_absent()
    {
        var result = Decode("""{"eventId":"e","correlationId":"c","recordType":"INGRESS","stage":"s","outcome":"SUCCESS","timestamp":"2026-11-26T10:00:00Z"}""");

        Assert.True(result.IsValid);
        Assert.Equal(1, result.Fact.Attempt);
        Assert.Null(result.Fact.MessageId);
        Assert.Null(result.Fact.Payload);
    }

    [Theory]
    [InlineData("eventId")]
    [InlineData("correlationId")]
    [InlineData("recordType")]
    [InlineData("stage")]
    [InlineData("outcome")]
    [InlineData("timestamp")]
    public void A_missing_required_field_is_named(string field)
    {
        var json = JsonDocument.Parse(GuideExample).RootElement.EnumerateObject()
            .Where(p => p.Name != field)
            .ToDictionary(p => p.Name, p => p.Value);

        var result = FactCodec.Decode(JsonSerializer.SerializeToUtf8Bytes(json));

        Assert.False(result.IsValid);
        Assert.Equal(new FactProblem(FactProblemKind.MissingField, field, "is required"), result.Problem);
    }

    [Theory]
    [InlineData("\"attempt\": \"two\"", "attempt", "a whole number")]
    [InlineData("\"attempt\": 1.5", "attempt", "a whole number")]
    [InlineData("\"eventType\": 7", "eventType", "a string")]
    [InlineData("\"metadata\": \"order-svc\"", "metadata", "an object")]
    [InlineData("\"error\": { \"code\": 503 }", "error.code", "a string")]
    [InlineData("\"error\": { \"retryable\": \"no\" }", "error.retryable", "true or false")]
    public void A_wrong_json_type_names_the_field_and_the_type_it_takes(string replacement, string field, string expected)
    {
        var result = Decode("""{"eventId":"e","correlationId":"c","recordType":"INGRESS","stage":"s","outcome":"SUCCESS","timestamp":"2026-11-26T10:00:00Z",""" + replacement + "}");

        Assert.Equal(new FactProblem(FactProblemKind.WrongType, field, $"must be {expected}"), result.Problem);
    }

    [Theory]
    [InlineData("\"recordType\":\"INBOUND\"", "recordType", "'INBOUND' is not INGRESS or EXECUTION")]
    [InlineData("\"outcome\":\"success\"", "outcome", "'success' is not SUCCESS, ERROR, IN_PROGRESS or UNKNOWN")]
    [InlineData("\"timestamp\":\"2026-11-26T10:00:00\"", "timestamp", "'2026-11-26T10:00:00' is not an RFC 3339 time with an offset")]
    [InlineData("\"timestamp\":\"yesterday\"", "timestamp", "'yesterday' is not an RFC 3339 time with an offset")]
    [InlineData("\"timestamp\":\"2026-11-26T10:00:00+14:30\"", "timestamp", "'2026-11-26T10:00:00+14:30' has an offset beyond ±14:00, which .NET cannot hold")]
    [InlineData("\"timestamp\":\"2026-12-31T23:59:60Z\"", "timestamp", "'2026-12-31T23:59:60Z' is a leap second (:60), which .NET cannot hold")]
    [InlineData("\"timestamp\":\"2026-02-30T10:00:00Z\"", "timestamp", "'2026-02-30T10:00:00Z' is not a date and time of the calendar")]
    [InlineData("\"timestamp\":\"2026-11-26T24:00:00Z\"", "timestamp", "'2026-11-26T24:00:00Z' is not a date and time of the calendar")]
    [InlineData("\"timestamp\":\"２０２６-11-26T10:00:00Z\"", "timestamp", "'２０２６-11-26T10:00:00Z' is not an RFC 3339 time with an offset")]
    [InlineData("\"timestamp\":\"9999-12-31T23:59:59.99999999Z\"", "timestamp",
        "'9999-12-31T23:59:59.99999999Z' is outside years 0001 to 9999 once in UTC (and rounded to 100 ns), which .NET cannot hold")]
    [InlineData("\"attempt\":99999999999999", "attempt", "is 99999999999999, outside -2147483648 to 2147483647")]
    [InlineData("\"attempt\":1e30", "attempt", "is 1e30, outside -2147483648 to 2147483647")] // beyond a decimal too
    [InlineData("\"attempt\":0.0", "attempt", "must be 1 or more, got 0")] // a whole number written with a fraction is that number
    [InlineData("\"timestamp\":\"0000-12-31T23:59:59Z\"", "timestamp",
        "'0000-12-31T23:59:59Z' is outside years 0001 to 9999 once in UTC (and rounded to 100 ns), which .NET cannot hold")]
    [InlineData("\"attempt\":0", "attempt", "must be 1 or more, got 0")]
    [InlineData("\"stage\":\"  \"", "stage", "must not be blank")]
    public void A_bad_value_is_named_with_its_problem(string field, string name, string message)
    {
        var values = new Dictionary<string, string>
        {
            ["eventId"] = "\"eventId\":\"e\"",
            ["correlationId"] = "\"correlationId\":\"c\"",
            ["recordType"] = "\"recordType\":\"EXECUTION\"",
            ["stage"] = "\"stage\":\"s\"",
            ["outcome"] = "\"outcome\":\"SUCCESS\"",
            ["timestamp"] = "\"timestamp\":\"2026-11-26T10:00:00Z\"",
        };
        values[name] = field;

        var result = Decode("{" + string.Join(",", values.Values) + "}");

        Assert.False(result.IsValid);
        Assert.Equal(name, result.Problem.Field);
        Assert.Equal(message, result.Problem.Message);
    }

    [Theory]
    [InlineData("eventId", "e\\u0000x", "contains a control character (U+0000) at position 2")]
    [InlineData("correlationId", "PO\\n1", "contains a control character (U+000A) at position 3")]
    [InlineData("messageId", "m\\u007f", "contains a control character (U+007F) at position 2")]
    [InlineData("stage", "\\u0085s", "contains a control character (U+0085) at position 1")]
    public void An_identifier_with_a_control_character_is_refused(string field, string escaped, string message)
    {
        var ids = new Dictionary<string, string> { ["eventId"] = "e", ["correlationId"] = "c", ["messageId"] = "m", ["stage"] = "s" };
        ids[field] = escaped;

        var result = Decode($$"""{"eventId":"{{ids["eventId"]}}","correlationId":"{{ids["correlationId"]}}","messageId":"{{ids["messageId"]}}","recordType":"INGRESS","stage":"{{ids["stage"]}}","outcome":"SUCCESS","timestamp":"2026-11-26T10:00:00Z"}""");

        Assert.Equal(new FactProblem(FactProblemKind.InvalidValue, field, message), result.Problem);
    }

    [Theory]
    [InlineData("eventId", ".")]
    [InlineData("eventId", "..")]
    [InlineData("correlationId", "..")]
    public void An_id_a_URL_path_resolves_away_is_refused(string field, string value)
    {
        var ids = new Dictionary<string, string> { ["eventId"] = "e", ["correlationId"] = "c" };
        ids[field] = value;

        var result = Decode($$"""{"eventId":"{{ids["eventId"]}}","correlationId":"{{ids["correlationId"]}}","recordType":"INGRESS","stage":"s","outcome":"SUCCESS","timestamp":"2026-11-26T10:00:00Z"}""");
        var dotted = Decode("""{"eventId":"...","correlationId":"./x","recordType":"INGRESS","stage":".","outcome":"SUCCESS","timestamp":"2026-11-26T10:00:00Z"}""");

        Assert.Equal(new FactProblem(FactProblemKind.InvalidValue, field, $"cannot be '{value}': a URL path resolves it away, so no href could name the fact"), result.Problem);
        Assert.True(dotted.IsValid, dotted.Problem?.ToString()); // only the dot segments themselves
    }

    [Fact]
    public void An_identifier_s_length_counts_characters_not_utf16_units()
    {
        var emoji = string.Concat(Enumerable.Repeat("\U0001F4E6", FactValidator.MaxIdentifierLength));

        var atTheLimit = Decode($$"""{"eventId":"{{emoji}}","correlationId":"c","recordType":"INGRESS","stage":"s","outcome":"SUCCESS","timestamp":"2026-11-26T10:00:00Z"}""");
        var over = Decode($$"""{"eventId":"{{emoji}}x","correlationId":"c","recordType":"INGRESS","stage":"s","outcome":"SUCCESS","timestamp":"2026-11-26T10:00:00Z"}""");

        Assert.True(atTheLimit.IsValid);
        Assert.Equal(new FactProblem(FactProblemKind.InvalidValue, "eventId", "is 257 characters long; the limit is 256"), over.Problem);
    }

    [Fact]
    public void An_identifier_longer_than_the_limit_is_refused()
    {
        var longId = new string('x', FactValidator.MaxIdentifierLength + 1);

        var result = Decode($$"""{"eventId":"{{longId}}","correlationId":"c","recordType":"INGRESS","stage":"s","outcome":"SUCCESS","timestamp":"2026-11-26T10:00:00Z"}""");

        Assert.Equal(new FactProblem(FactProblemKind.InvalidValue, "eventId", "is 257 characters long; the limit is 256"), result.Problem);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"eventId\": \"e\",}")]
    [InlineData("\u00ff\u00fe")]
    public void Text_that_is_not_json_is_reported_as_such(string text)
    {
        var result = Decode(text);

        Assert.False(result.IsValid);
        Assert.Equal(FactProblemKind.InvalidJson, result.Problem.Kind);
        Assert.Null(result.Problem.Field);
    }

    [Theory]
    [InlineData("\"payload\":{\"note\":\"\\ud800\"}", null, "holds a string with a lone surrogate escape (\\uD800 to \\uDFFF without its pair), which is not text")]
    [InlineData("\"comment\":\"a\\udc00b\"", null, "holds a string with a lone surrogate escape (\\uD800 to \\uDFFF without its pair), which is not text")]
    [InlineData("\"payload\":{\"\\ud800\":1}", null, "holds a string with a lone surrogate escape (\\uD800 to \\uDFFF without its pair), which is not text")]
    [InlineData("\"messageId\":\"m\\ud800\"", "messageId", "is not text: invalid UTF-8, or a lone surrogate escape")]
    public void A_lone_surrogate_escape_anywhere_is_invalid_json(string member, string? field, string message)
    {
        var result = Decode("""{"eventId":"e","correlationId":"c","recordType":"INGRESS","stage":"s","outcome":"SUCCESS","timestamp":"2026-11-26T10:00:00Z",""" + member + "}");

        Assert.Equal(new FactProblem(FactProblemKind.InvalidJson, field, message), result.Problem);
    }

    [Fact]
    public void A_surrogate_pair_escaped_is_text()
    {
        var result = Decode("""{"eventId":"e","correlationId":"c","recordType":"INGRESS","stage":"s","outcome":"SUCCESS","timestamp":"2026-11-26T10:00:00Z","payload":{"box":"\ud83d\udce6"}}""");

        Assert.True(result.IsValid);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("2.0")]
    [InlineData("2E0")]
    [InlineData("20e-1")]
    public void A_whole_number_is_read_however_json_writes_it(string attempt)
    {
        var result = Decode("""{"eventId":"e","correlationId":"c","recordType":"INGRESS","stage":"s","outcome":"SUCCESS","timestamp":"2026-11-26T10:00:00Z","attempt":""" + attempt + "}");

        Assert.Equal(2, result.Fact?.Attempt);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")] // the earliest instant there is, also .NET's default value: still a time
    [InlineData("9999-12-31T23:59:59.9999999Z")]
    public void The_earliest_and_the_latest_instant_are_timestamps_like_any_other(string timestamp)
    {
        var result = Decode("""{"eventId":"e","correlationId":"c","recordType":"INGRESS","stage":"s","outcome":"SUCCESS","timestamp":""" + $"\"{timestamp}\"}}");

        Assert.True(result.IsValid, result.Problem?.ToString());
        Assert.Equal(DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture), result.Fact!.Timestamp);
    }

    [Fact]
    public void A_payload_nested_deeper_than_json_readers_take_says_so()
    {
        var deep = string.Concat(Enumerable.Repeat("[", 70)) + string.Concat(Enumerable.Repeat("]", 70));
        var broken = string.Concat(Enumerable.Repeat("[", 70)) + string.Concat(Enumerable.Repeat("]", 69));

        var nested = Decode($$"""{"eventId":"e","correlationId":"c","recordType":"INGRESS","stage":"s","outcome":"SUCCESS","timestamp":"2026-11-26T10:00:00Z","payload":{{deep}}}""");
        var invalid = Decode($$"""{"eventId":"e","correlationId":"c","recordType":"INGRESS","stage":"s","outcome":"SUCCESS","timestamp":"2026-11-26T10:00:00Z","payload":{{broken}}}""");

        Assert.Equal(new FactProblem(FactProblemKind.InvalidJson, null, "nested deeper than 64 levels, the most the JSON readers here take"), nested.Problem);
        Assert.StartsWith("not valid JSON", invalid.Problem?.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"a string\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData(" [ {\"eventId\": \"e\"} ] ")]
    public void Json_that_is_not_an_object_is_a_wrong_type(string text)
    {
        var result = Decode(text);

        Assert.Equal(FactProblemKind.WrongType, result.Problem!.Kind);
    }

    [Theory]
    [InlineData("nullx")]
    [InlineData("null garbage")]
    [InlineData("true false")]
    [InlineData("[1,2")]
    [InlineData("[1,2] [3]")]
    [InlineData("\"unterminated")]
    public void Text_that_only_starts_like_json_that_is_not_an_object_is_invalid_json(string text)
    {
        var result = Decode(text);

        Assert.Equal(FactProblemKind.InvalidJson, result.Problem!.Kind);
        Assert.StartsWith("not valid JSON (line 1, byte ", result.Problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"\\ud800\"")]
    [InlineData("[\"\\udc00\"]")]
    [InlineData("{\"eventId\":\"e\",\"payload\":\"\\ud800\"}")]
    [InlineData("{\"\\ud800\":1}")]
    [InlineData("{\"eventId\":\"m1\",\"metadata\":{\"\\udc00x\":1}}")]
    [InlineData("{\"eventId\":\"m1\",\"error\":{\"\\ud800\":\"x\"}}")]
    public void A_lone_surrogate_escape_is_invalid_json_whatever_else_is_wrong(string text)
    {
        var result = Decode(text);

        Assert.Equal(new FactProblem(FactProblemKind.InvalidJson, null, "holds a string with a lone surrogate escape (\\uD800 to \\uDFFF without its pair), which is not text"), result.Problem);
    }

    [Fact]
    public void An_unknown_envelope_version_is_refused()
    {
        var result = Decode("""{"envelopeVersion":2,"eventId":"e","correlationId":"c","recordType":"INGRESS","stage":"s","outcome":"SUCCESS","timestamp":"2026-11-26T10:00:00Z"}""");

        Assert.Equal(FactProblemKind.UnsupportedVersion, result.Problem!.Kind);
        Assert.Equal("envelopeVersion", result.Problem.Field);
    }

    [Theory]
    [InlineData("\"eventId\":\"other\"", "eventId")]
    [InlineData("\"event\\u0049d\":\"other\"", "eventId")] // the same name, escaped
    [InlineData("\"outcome\":\"ERROR\"", "outcome")]
    [InlineData("\"payload\":null", "payload")]
    [InlineData("\"metadata\":{\"producer\":\"a\",\"producer\":\"b\"}", "metadata.producer")]
    [InlineData("\"error\":{\"code\":\"E1\",\"retryable\":true,\"code\":\"E2\"}", "error.code")]
    public void An_envelope_field_named_twice_in_its_object_is_refused_as_ambiguous(string member, string field)
    {
        var result = Decode($$"""{"eventId":"e","correlationId":"c","recordType":"INGRESS","stage":"s","outcome":"SUCCESS","timestamp":"2026-11-26T10:00:00Z","payload":{"a":1},{{member}}}""");

        Assert.Equal(new FactProblem(FactProblemKind.InvalidJson, field, "appears more than once in its object; JSON readers disagree on which value counts"), result.Problem);
    }

    [Fact]
    public void A_name_repeated_inside_the_payload_or_an_unknown_field_is_not_the_envelope_s_concern()
    {
        var result = Decode("""{"eventId":"e","correlationId":"c","recordType":"INGRESS","stage":"s","outcome":"SUCCESS","timestamp":"2026-11-26T10:00:00Z","payload":{"a":1,"a":2},"extra":1,"extra":2}""");

        Assert.True(result.IsValid, result.Problem?.ToString());
    }

    [Fact]
    public void Unknown_fields_are_tolerated_for_forward_compatibility()
    {
        var result = Decode("""{"eventId":"e","correlationId":"c","recordType":"INGRESS","stage":"s","outcome":"SUCCESS","timestamp":"2026-11-26T10:00:00Z","traceId":"abc"}""");

        Assert.True(result.IsValid);
    }

    [Fact]
    public void DecodeEnvelope_reads_every_envelope_field_and_leaves_the_payload_in_the_bytes()
    {
        var full = FactCodec.Decode(Encoding.UTF8.GetBytes(GuideExample)).Fact!;

        var envelope = FactCodec.DecodeEnvelope(Encoding.UTF8.GetBytes(GuideExample));

        Assert.True(envelope.IsValid, envelope.Problem?.ToString());
        Assert.Null(envelope.Fact.Payload);
        Assert.Equal(full with { Payload = null }, envelope.Fact);
    }

    [Fact]
    public void DecodeKept_reads_a_kept_value_as_DecodeShared_does_with_a_payload_that_outlives_the_bytes()
    {
        var bytes = Encoding.UTF8.GetBytes(GuideExample.Replace("2026-11-26T10:15:30.123+01:00", "2026-11-26T10:15:30,123+01:00"));
        Assert.False(FactCodec.Decode(bytes).IsValid); // a comma fraction: refused today, kept by earlier releases
        var shared = FactCodec.DecodeShared(bytes.ToArray()).Fact!;

        var kept = FactCodec.DecodeKept(bytes);
        bytes.AsSpan().Clear(); // the lent bytes are gone once read

        Assert.True(kept.IsValid, kept.Problem?.ToString());
        Assert.Equal(shared with { Payload = null }, kept.Fact with { Payload = null });
        Assert.Equal(shared.Payload.ToString(), kept.Fact.Payload.ToString());
    }

    [Theory]
    [InlineData("\"payload\": {\"order\": }")]
    [InlineData("\"payload\": [1, 2")]
    [InlineData("\"unknown\": {\"a\": tru}")]
    public void A_malformed_payload_or_unknown_field_is_invalid_json_even_when_the_payload_is_not_read(string member)
    {
        var bytes = Encoding.UTF8.GetBytes("""{"eventId":"e","correlationId":"c","recordType":"INGRESS","stage":"s","outcome":"SUCCESS","timestamp":"2026-11-26T10:00:00Z",""" + member + "}");

        Assert.Equal(FactProblemKind.InvalidJson, FactCodec.Decode(bytes).Problem!.Kind);
        Assert.Equal(FactProblemKind.InvalidJson, FactCodec.DecodeEnvelope(bytes).Problem!.Kind);
    }

    [Fact]
    public void Content_after_the_envelope_object_is_invalid_json()
    {
        var result = Decode("""{"eventId":"e","correlationId":"c","recordType":"INGRESS","stage":"s","outcome":"SUCCESS","timestamp":"2026-11-26T10:00:00Z"} {}""");

        Assert.Equal(FactProblemKind.InvalidJson, result.Problem!.Kind);
    }

    [Fact]
    public void Escaped_field_names_and_values_are_read_like_plain_ones()
    {
        var result = Decode("""{"event\u0049d":"e\u00e9","correlationId":"c","recordType":"INGRESS","stage":"s","outcome":"SUCCESS","timestamp":"2026-11-26T10:00:00Z"}""");

        Assert.True(result.IsValid, result.Problem?.ToString());
        Assert.Equal("e\u00e9", result.Fact.EventId);
    }

    [Fact]
    public void The_payload_is_written_back_exactly_as_the_producer_wrote_it()
    {
        const string payload = """{ "note": "caf\u00e9 \/ ü",  "n": 1.50 }""";
        var result = Decode("""{"eventId":"e","correlationId":"c","recordType":"INGRESS","stage":"s","outcome":"SUCCESS","timestamp":"2026-11-26T10:00:00Z","payload":""" + payload + "}");

        Assert.Equal(payload, result.Fact!.Payload.ToString());
        Assert.Contains("\"payload\":" + payload, Encoding.UTF8.GetString(FactCodec.Encode(result.Fact)));
    }

    [Theory]
    [InlineData("\"payload\":{\"note\":\"??\"}")]
    [InlineData("\"comment\":\"??\"")] // a field this release does not read
    public void A_value_that_is_not_utf8_where_the_envelope_does_not_read_is_still_invalid_json(string member)
    {
        var bytes = Encoding.UTF8.GetBytes($$"""{"eventId":"e","correlationId":"c","recordType":"INGRESS","stage":"s","outcome":"SUCCESS","timestamp":"2026-11-26T10:00:00Z",{{member}}}""");
        var at = bytes.AsSpan().IndexOf("??"u8);
        bytes[at] = 0xE9; // "é" in Latin-1: a lead byte followed by an ASCII byte, not UTF-8

        var result = FactCodec.Decode(bytes);

        Assert.Equal(new FactProblem(FactProblemKind.InvalidJson, null, $"not valid UTF-8 (byte {at + 1})"), result.Problem);
    }

    [Fact]
    public void Facts_decoded_on_one_thread_share_the_strings_of_their_recurring_fields_and_not_their_identifiers()
    {
        var first = FactCodec.DecodeEnvelope(Encoding.UTF8.GetBytes(GuideExample)).Fact!;
        var second = FactCodec.DecodeEnvelope(Encoding.UTF8.GetBytes(GuideExample)).Fact!;

        Assert.Same(first.EventType, second.EventType);
        Assert.Same(first.Stage, second.Stage);
        Assert.Same(first.Error!.Code, second.Error!.Code);
        Assert.Same(first.Metadata!.Producer, second.Metadata!.Producer);
        Assert.Same(first.Metadata, second.Metadata);
        Assert.NotSame(first.EventId, second.EventId);
        Assert.NotSame(first.CorrelationId, second.CorrelationId);
    }

    [Fact]
    public void Facts_with_other_metadata_texts_get_their_own_metadata()
    {
        var first = FactCodec.DecodeEnvelope(Encoding.UTF8.GetBytes(GuideExample)).Fact!;
        var other = FactCodec.DecodeEnvelope(Encoding.UTF8.GetBytes(GuideExample.Replace("\"version\":", "\"version\":\"9.9\",\"was\":"))).Fact!;

        Assert.Equal("9.9", other.Metadata!.Version);
        Assert.NotEqual(first.Metadata, other.Metadata);
        Assert.Equal(first.Metadata!.Producer, other.Metadata.Producer);
    }

    [Theory]
    [InlineData("2026-11-26T10:15:30.1234567+05:30", "2026-11-26T04:45:30.1234567Z")] // the shape producers write, read from the bytes
    [InlineData("2026-11-26T10:15:30Z", "2026-11-26T10:15:30Z")]
    [InlineData("2026-11-26t10:15:30z", "2026-11-26T10:15:30Z")] // other RFC 3339 shapes go to the full parser
    [InlineData("2026-11-26 10:15:30-01:00", "2026-11-26T11:15:30Z")]
    [InlineData("2026-11-26T10:15:30.123456789Z", "2026-11-26T10:15:30.1234568Z")]
    [InlineData("""2026-11-26T10:15:30\u002B01:00""", "2026-11-26T09:15:30Z")] // escaped
    public void A_timestamp_in_any_rfc_3339_shape_decodes_to_its_instant_and_offset(string json, string instant)
    {
        var result = Decode($$"""{"eventId":"e","correlationId":"c","recordType":"INGRESS","stage":"s","outcome":"SUCCESS","timestamp":"{{json}}"}""");

        Assert.True(result.IsValid, result.Problem?.ToString());
        Assert.Equal(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture), result.Fact!.Timestamp);
        Assert.Equal(DateTimeOffset.Parse(json.Replace("\\u002B", "+"), CultureInfo.InvariantCulture).Offset, result.Fact.Timestamp.Offset);
    }

    [Theory]
    [InlineData("""Product\u004frderCreateEvent""", "ProductOrderCreateEvent")] // escaped: read by the JSON reader itself
    [InlineData("Änderung-Ereignis", "Änderung-Ereignis")]
    public void A_recurring_field_reads_escaped_and_non_ascii_text_exactly(string json, string expected)
    {
        var result = Decode($$"""{"eventId":"e","correlationId":"c","recordType":"INGRESS","eventType":"{{json}}","stage":"s","outcome":"SUCCESS","timestamp":"2026-11-26T10:00:00Z"}""");

        Assert.Equal(expected, result.Fact!.EventType);
    }

    [Fact]
    public void A_recurring_field_longer_than_the_kept_texts_is_read_whole()
    {
        var stage = new string('s', FactValidator.MaxIdentifierLength);

        var result = Decode($$"""{"eventId":"e","correlationId":"c","recordType":"INGRESS","stage":"{{stage}}","outcome":"SUCCESS","timestamp":"2026-11-26T10:00:00Z"}""");

        Assert.Equal(stage, result.Fact!.Stage);
    }

    [Fact]
    public void A_recurring_field_that_is_not_utf8_is_refused_like_any_other()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"eventId":"e","correlationId":"c","recordType":"INGRESS","stage":"s?","outcome":"SUCCESS","timestamp":"2026-11-26T10:00:00Z"}""");
        bytes[Encoding.UTF8.GetString(bytes).IndexOf("s?", StringComparison.Ordinal) + 1] = 0xC3; // a lead byte followed by '"'

        var result = FactCodec.DecodeEnvelope(bytes);

        Assert.False(result.IsValid);
        Assert.Equal(FactProblemKind.InvalidJson, result.Problem!.Kind);
        Assert.Equal("stage", result.Problem.Field);
    }

    private static FactDecodeResult Decode(string text) => FactCodec.Decode(Encoding.UTF8.GetBytes(text));
}
