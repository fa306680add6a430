using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Factline.Cli.Hosting;
using Factline.Tests.Infrastructure;
using Factline.Tests.Projection;

namespace Factline.Tests.EndToEnd;

/// <summary>What the service projected, as metrics: read in process by a listener, and sent to an OTLP collector.</summary>
[Collection(MockKafkaCollection.Name)]
public sealed class MetricsTests(MockKafkaFixture kafka)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_projector_metrics_count_what_the_store_holds()
    {
        var topic = kafka.CreateTopic(partitions: 3);
        var produced = SimulatedLog.Produce(kafka, topic, 500);
        await kafka.ProduceRawAsync(topic, "PO-BAD", "not json");
        await using var instance = new FactlineInstance(kafka.BootstrapServers, topic);
        await instance.StartAsync();
        await instance.WaitForAsync(produced.Count, quarantined: 1);
        var counters = await instance.Reader.ReadCountersAsync();

        var meters = instance.Services.GetRequiredService<IMeterFactory>();

        var measured = ProjectorMeterReading.Measure(meters);
        double Total(string name) => Assert.Single(measured[name]).Value;
        Assert.Equal(counters.Facts, Total("factline.projector.facts"));
        Assert.Equal(produced.Count + 1, Total("factline.projector.records"));
        Assert.Equal(1, Total("factline.projector.quarantined"));
        Assert.Equal(0, Total("factline.projector.duplicates"));
        Assert.InRange(Total("factline.projector.batches"), 1, produced.Count + 1);
        Assert.True(Total("factline.projector.apply.time") > 0);
        Assert.Equal(0, Total("factline.projector.apply.retries"));

        // Each partition's lag, once Kafka has told the service where the log ends (it asks every second).
        var deadline = DateTime.UtcNow + Timeout;
        List<(double Value, string? Partition)>? lags;
        while ((lags = ProjectorMeterReading.Measure(meters).GetValueOrDefault("factline.log.lag")) is not { Count: 3 })
        {
            Assert.True(DateTime.UtcNow < deadline, "no lag per partition within the timeout");
            await Task.Delay(100);
        }
        Assert.Equal(["0", "1", "2"], lags.Select(lag => lag.Partition).Order());
        Assert.All(lags, lag => Assert.Equal(0, lag.Value));
        Assert.All(ProjectorMeterReading.Measure(meters)["factline.log.lost_records"], lost => Assert.Equal(0, lost.Value));
    }

    [Fact]
    public async Task With_an_OTLP_endpoint_the_metrics_are_sent_to_it()
    {
        var topic = kafka.CreateTopic();
        var produced = SimulatedLog.Produce(kafka, topic, 20);
        using var collector = new HttpListener();
        var endpoint = $"http://127.0.0.1:{LocalPorts.Free()}/";
        collector.Prefixes.Add(endpoint);
        collector.Start();
        await using var instance = new FactlineInstance(kafka.BootstrapServers, topic, settings: new Dictionary<string, string>
        {
            [MetricsExport.EndpointSetting] = endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
        });
        await instance.StartAsync();
        await instance.WaitForAsync(produced.Count);

        // An OTLP/HTTP export is a protobuf message, in which each metric's name appears as its UTF-8 bytes.
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var receiving = collector.GetContextAsync();
            var received = await receiving.WaitAsync(deadline - DateTime.UtcNow);
            using var body = new MemoryStream();
            await received.Request.InputStream.CopyToAsync(body);
            received.Response.StatusCode = 200;
            received.Response.Close();
            Assert.Equal("/v1/metrics", received.Request.Url!.AbsolutePath);
            if (Encoding.UTF8.GetString(body.ToArray()).Contains("factline.projector.facts", StringComparison.Ordinal))
                return;
        }
    }
}
