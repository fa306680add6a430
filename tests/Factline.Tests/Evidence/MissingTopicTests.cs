using System.Text.Json.Nodes;
using Confluent.Kafka;
using Factline.Projection.Evidence;
using Factline.Tests.Api;
using Factline.Tests.EndToEnd;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.Evidence;

/// <summary>
/// A configured topic the cluster does not know (a typo, a topic not created yet) is reported, and never created by
/// Factline: the watermark monitor's metadata request named it, and a cluster that creates topics on demand (as the dev
/// broker does, and Kafka by default) created it with its default partition count.
/// </summary>
[Collection(MockKafkaCollection.Name)]
public sealed class MissingTopicTests(MockKafkaFixture kafka)
{
    [Fact]
    public async Task A_configured_topic_that_does_not_exist_is_reported_once_and_not_created()
    {
        var existing = kafka.CreateTopic(partitions: 2);
        var missing = $"missing.{Guid.NewGuid():N}";
        var logs = new RecordingLoggerProvider();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(logs));
        using var monitor = new LogWatermarkMonitor(kafka.Options(existing, missing), loggers.CreateLogger<LogWatermarkMonitor>());

        await monitor.RefreshAsync();
        await monitor.RefreshAsync();

        var warning = Assert.Single(logs.Entries, entry => entry.Level == LogLevel.Warning);
        Assert.Contains(missing, warning.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", warning.Message, StringComparison.Ordinal);
        Assert.Equal(2, monitor.Current.Count(w => w.Partition.Topic == existing));
        Assert.DoesNotContain(monitor.Current, w => w.Partition.Topic == missing);
        Assert.DoesNotContain(missing, TopicsOfTheCluster());
    }

    [Fact]
    public async Task The_status_names_a_configured_topic_the_cluster_does_not_have_until_it_is_created()
    {
        var existing = kafka.CreateTopic(partitions: 2);
        var missing = $"missing.{Guid.NewGuid():N}";
        await using var factline = new FactlineInstance(kafka.BootstrapServers, existing,
            settings: new Dictionary<string, string> { ["Factline:Kafka:Topics:1"] = missing });
        await factline.StartAsync();
        var monitor = factline.Services.GetRequiredService<LogWatermarkMonitor>();
        await monitor.RefreshAsync();

        var status = JsonNode.Parse(await factline.Http.GetStringAsync("/tmf-api/event/v4/status"))!;
        Assert.Equal([missing], status["missingTopics"]!.AsArray().Select(topic => (string)topic!));
        Assert.All(status["partitions"]!.AsArray(), partition => Assert.Equal(existing, (string)partition!["topic"]!));

        using var text = FactlineProcess.Start(factline.DataDirectory, ["status", "--server", factline.BaseAddress.ToString()], new Dictionary<string, string>());
        Assert.Equal(0, await text.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains(text.Lines, line => line.StartsWith($"Topic {missing} does not exist in the Kafka cluster: nothing of it is projected", StringComparison.Ordinal));

        kafka.Cluster.CreateTopic(missing, partitions: 1);
        await monitor.RefreshAsync();
        status = JsonNode.Parse(await factline.Http.GetStringAsync("/tmf-api/event/v4/status"))!;
        Assert.Empty(status["missingTopics"]!.AsArray());
        Assert.Contains(status["partitions"]!.AsArray(), partition => (string)partition!["topic"]! == missing);
    }

    /// <summary>Every topic, asked for without naming one (a request that names a topic may create it).</summary>
    private IReadOnlyList<string> TopicsOfTheCluster()
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        return [.. admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Select(t => t.Topic)];
    }
}
