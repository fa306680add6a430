using Confluent.Kafka;
using Factline.Projection.Evidence;
using Factline.Tests.Api;
using Factline.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

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

    /// <summary>Every topic, asked for without naming one (a request that names a topic may create it).</summary>
    private IReadOnlyList<string> TopicsOfTheCluster()
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        return [.. admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Select(t => t.Topic)];
    }
}
