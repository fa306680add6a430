using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Factline.Tests.Conformance;

/// <summary>
/// The facts the kit creates: one order transaction (ingress, validation, a failed adapter call and its
/// successful retry) whose facts differ in every attribute a client filters on, under a correlationId and
/// eventIds unique to the run, so the kit's checks hold on a deployment full of other data. The identifiers hold a
/// slash, as identifiers in the field do (PO/2026/17): every href the kit follows escapes it.
/// </summary>
public sealed class KitCorpus
{
    private KitCorpus(string correlationId, IReadOnlyList<JsonObject> envelopes, IReadOnlyList<JsonObject> events)
    {
        CorrelationId = correlationId;
        Envelopes = envelopes;
        Events = events;
    }

    public string CorrelationId { get; }

    /// <summary>The bodies the kit posted, in timeline order.</summary>
    public IReadOnlyList<JsonObject> Envelopes { get; }

    /// <summary>The same facts as the deployment serves them (GET by id, every attribute), in timeline order.</summary>
    public IReadOnlyList<JsonObject> Events { get; }

    /// <summary>Posts the corpus to <paramref name="topic"/> and waits until every fact can be read back.</summary>
    public static async Task<KitCorpus> PostAsync(HttpClient http, string topic)
    {
        var run = Guid.NewGuid().ToString("N")[..12];
        var correlationId = $"CTK/{run}";
        var envelopes = Transaction(run, correlationId);
        foreach (var envelope in envelopes)
        {
            var response = await http.PostAsJsonAsync(KitPaths.Events(KitPaths.EventBase, EventScope.Topic, topic), envelope);
            if (response.StatusCode != HttpStatusCode.Created)
                throw new InvalidOperationException($"posting the kit's fact {envelope["eventId"]} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var events = new List<JsonObject>();
        foreach (var envelope in envelopes)
        {
            var response = await Eventually.OkAsync(http, KitPaths.Event(KitPaths.EventBase, EventScope.AllTopics, topic, (string)envelope["eventId"]!));
            events.Add(JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
        }
        return new KitCorpus(correlationId, envelopes, events);
    }

    private static JsonObject[] Transaction(string run, string correlationId)
    {
        // Milliseconds only: the API writes times with millisecond precision, and the kit compares what it sent.
        var start = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        JsonObject Fact(int step, string recordType, string stage, string outcome, int attempt) => new()
        {
            ["eventId"] = $"ctk/{run}/{step}",
            ["correlationId"] = correlationId,
            ["recordType"] = recordType,
            ["eventType"] = "ProductOrderCreateEvent",
            ["stage"] = stage,
            ["outcome"] = outcome,
            ["attempt"] = attempt,
            ["timestamp"] = start.AddSeconds(step).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["payload"] = new JsonObject { ["orderId"] = correlationId, ["step"] = step },
            ["metadata"] = new JsonObject { ["producer"] = "order-svc", ["version"] = "3.4.1", ["spec"] = "TMF622 v4" },
        };

        var ingress = Fact(1, "INGRESS", "ingress.http", "SUCCESS", 1);
        ingress["messageId"] = $"msg/{run}";
        var failed = Fact(3, "EXECUTION", "adapter.inventory", "ERROR", 1);
        failed["error"] = new JsonObject { ["code"] = "INV-503", ["message"] = "inventory adapter timed out", ["retryable"] = true };
        var retried = Fact(4, "EXECUTION", "adapter.inventory", "SUCCESS", 2);
        retried["metadata"] = new JsonObject { ["producer"] = "inventory-adapter", ["version"] = "2.0.0", ["spec"] = "TMF637 v4" };
        return [ingress, Fact(2, "EXECUTION", "validation", "SUCCESS", 1), failed, retried];
    }
}
