using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Factline.Cli.Hosting;
using Factline.Projection;
using Factline.Tests.Infrastructure;
using Factline.Tests.Projection;
using Microsoft.Extensions.DependencyInjection;

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

        var measured = Measure(instance.Services.GetRequiredService<IMeterFactory>());

        Assert.Equal(counters.Facts, measured["factline.projector.facts"]);
        Assert.Equal(produced.Count + 1, measured["factline.projector.records"]);
        Assert.Equal(1, measured["factline.projector.quarantined"]);
        Assert.Equal(0, measured["factline.projector.duplicates"]);
        Assert.InRange(measured["factline.projector.batches"], 1, produced.Count + 1);
        Assert.True(measured["factline.projector.apply.time"] > 0);
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

    /// <summary>The current value of each instrument of the projector's meter created by <paramref name="meters"/>.</summary>
    private static Dictionary<string, double> Measure(IMeterFactory meters)
    {
        var values = new Dictionary<string, double>();
        using var listener = new MeterListener();
        // Other services in this test process publish a meter of the same name; only this one's factory is listened to.
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ProjectorMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meters))
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }
}
