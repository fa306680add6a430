using System.Text;
using Factline.Envelope;

namespace Factline.Tests.Envelope;

/// <summary>
/// Whatever bytes a record holds, decoding answers with a fact or a problem and never throws: one record that made the
/// decoder throw would stop the projector at its offset on every start. Deterministic mutations of a full envelope.
/// </summary>
public sealed class DecoderRobustnessTests
{
    private const string Envelope = """
        {"eventId":"01JD3Y8ZQ2N5W0T8K4M6P9R7SB","correlationId":"PO-2026-000123","messageId":"msg-7f3a","recordType":"EXECUTION",
        "eventType":"ProductOrderCreateEvent","stage":"adapter.inventory","outcome":"ERROR","attempt":2,
        "timestamp":"2026-11-26T10:15:30.123+01:00","error":{"code":"INV-503","message":"timed out","retryable":true},
        "payload":{"order":{"id":"42","items":[1,2.5,"x",null,true]}},"metadata":{"producer":"order-svc","version":"3.4.1","spec":"TMF622 v4"}}
        """;

    /// <summary>What a mutation puts in: JSON punctuation, escapes (lone and paired surrogates among them), odd bytes.</summary>
    private static readonly string[] Fragments =
    [
        "\"", "\\", "{", "}", "[", "]", ":", ",", "\\u", "\\ud800", "\\udc00", "\\ud83d\\ude00", "\\u0000", "\\x", "null", "1e400",
        "-", "0", ".5", "\"eventId\":", "\"\\ud800\":", "\u00e9", "\t", " ",
    ];

    [Fact]
    public void No_mutation_of_an_envelope_makes_the_decoder_throw()
    {
        var random = new Random(20261128);
        var original = Encoding.UTF8.GetBytes(Envelope);
        for (var i = 0; i < 20_000; i++)
        {
            var mutated = Mutate(original, random);
            var failure = Record.Exception(() =>
            {
                FactCodec.Decode(mutated);
                FactCodec.DecodeEnvelope(mutated);
            });
            Assert.True(failure is null, $"{failure?.GetType().Name}: {failure?.Message}\nfor: {Encoding.UTF8.GetString(mutated)}");
        }
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        for (var edits = random.Next(1, 4); edits > 0 && bytes.Count > 0; edits--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 8), bytes.Count - at));
                    break;
                case 2:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Fragments[random.Next(Fragments.Length)]));
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }
        return [.. bytes];
    }
}
