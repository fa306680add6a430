using System.Net;
using System.Text.Json;
using Confluent.Kafka;
using Factline.Projection.DeadLetters;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.Cli;

/// <summary>
/// The README's walk-through against the real <c>factline demo</c>: a fact produced by hand is found through the API, and a
/// broken record is quarantined and written to the demo's dead-letter topic; SIGTERM then stops everything cleanly.
/// </summary>
public sealed class DemoWalkTests
{
    private const string WalkFact =
        """{"eventId":"walk-1","correlationId":"PO-WALK-1","messageId":"msg-walk-1","recordType":"INGRESS","eventType":"ProductOrderCreateEvent","stage":"ingress.http","outcome":"SUCCESS","timestamp":"2026-11-26T10:15:30.123Z","payload":{"orderId":"PO-WALK-1"},"metadata":{"producer":"me","version":"1.0","spec":"TMF622 v4"}}""";

    [Fact]
    public async Task A_fact_sent_to_the_demo_is_found_and_a_broken_record_is_quarantined_and_dead_lettered()
    {
        var workingDirectory = Directory.CreateTempSubdirectory("factline-demo-").FullName;
        try
        {
            var (brokerPort, apiPort) = (LocalPorts.Free(), LocalPorts.Free());
            var bootstrap = $"127.0.0.1:{brokerPort}";
            using var demo = FactlineProcess.Start(workingDirectory,
                ["demo", "--rate", "20", "--broker-port", brokerPort.ToString(), "--urls", $"http://127.0.0.1:{apiPort}", "--data-dir", "data"],
                new Dictionary<string, string>());
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}/tmf-api/event/v4/") };
            await demo.WaitUntilAsync(() => Task.FromResult(demo.Lines.Contains("Factline demo is running.")), "the banner", TimeSpan.FromSeconds(90));
            Assert.Contains(demo.Lines, line => line.Contains($"kcat -b {bootstrap} -C -t tmf.facts.dead-letters", StringComparison.Ordinal));

            using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap, Partitioner = Partitioner.Murmur2Random }).Build())
            {
                await producer.ProduceAsync("tmf.facts", new Message<string, string> { Key = "PO-WALK-1", Value = WalkFact });
                await producer.ProduceAsync("tmf.facts", new Message<string, string> { Key = "PO-WALK-1", Value = "not json" });
            }

            await demo.WaitUntilAsync(async () => (await http.GetAsync("event/walk-1")).StatusCode == HttpStatusCode.OK, "the fact by its eventId", TimeSpan.FromSeconds(60));
            using var byMessage = JsonDocument.Parse(await http.GetStringAsync("event?messageId=msg-walk-1"));
            Assert.Equal("walk-1", Assert.Single(byMessage.RootElement.EnumerateArray()).GetProperty("eventId").GetString());
            await demo.WaitUntilAsync(async () => (await http.GetStringAsync("quarantine?key=PO-WALK-1")).Contains("INVALID_JSON"), "the quarantine entry", TimeSpan.FromSeconds(60));
            var deadLetter = Assert.Single(TopicReader.ReadAll(bootstrap, "tmf.facts.dead-letters"));
            Assert.Equal("PO-WALK-1", deadLetter.Message.Key);
            Assert.Equal("not json"u8.ToArray(), deadLetter.Message.Value);
            Assert.Equal("INVALID_JSON", deadLetter.HeaderText(DeadLetterRecord.Reason));

            Assert.Equal(0, await demo.StopAsync(TimeSpan.FromSeconds(60)));
            Assert.StartsWith("Stopped. The simulator produced ", demo.Lines[^1]);
            Assert.DoesNotContain(demo.Lines, line => line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
    }
}
