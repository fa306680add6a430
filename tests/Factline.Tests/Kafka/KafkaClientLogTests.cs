using Factline.Tests.Infrastructure;

namespace Factline.Tests.Kafka;

/// <summary>
/// The Kafka clients' own log lines go through the service's logging (levels, filters, exporters), never raw onto
/// standard error, and each failure is said once: seen on the real <c>factline project</c> against a broker address
/// nothing listens on.
/// </summary>
public sealed class KafkaClientLogTests
{
    [Fact]
    public async Task A_broker_that_refuses_connections_is_logged_through_the_service_s_logging()
    {
        using var refusing = LocalPorts.Refusing(out var port);
        var workingDirectory = Directory.CreateTempSubdirectory("factline-kafka-log-").FullName;
        try
        {
            using var projector = FactlineProcess.Start(workingDirectory, ["project", "--bootstrap-servers", $"127.0.0.1:{port}"], new Dictionary<string, string>());
            await projector.WaitUntilAsync(() => Task.FromResult(projector.Lines.Any(line => line.Contains($"127.0.0.1:{port}", StringComparison.Ordinal)
                && line.Contains("Connection refused", StringComparison.Ordinal))), "a refused connection logged", TimeSpan.FromSeconds(60));
            await projector.StopAsync(TimeSpan.FromSeconds(60));

            var lines = projector.Lines;
            Assert.DoesNotContain(lines, line => line.StartsWith('%')); // librdkafka's own format: %level|time|facility|client|
            var refused = lines.Select((line, i) => (line, i)).First(l => l.line.Contains("Connection refused", StringComparison.Ordinal)).i;
            // The console logger's two lines: "<level>: <category>[event]" and the message ("rdkafka#consumer-1 FAIL: ...").
            Assert.Matches(@"^(fail|warn|info): Factline\.", lines[refused - 1]);
            Assert.Matches(@"^\s+rdkafka#\w+-\d+ FAIL: ", lines[refused]);
            // Said once: no client repeats a refused connection in another line (an error report, librdkafka's ERROR line).
            Assert.All(lines.Where(line => line.Contains("Connection refused", StringComparison.Ordinal)),
                line => Assert.Matches(@"^\s+rdkafka#\w+-\d+ FAIL: ", line));
            // That no broker can be reached at all is a warning of its own.
            var allDown = lines.Select((line, i) => (line, i)).First(l => l.line.Contains("brokers are down", StringComparison.Ordinal)).i;
            Assert.Matches(@"^warn: Factline\.", lines[allDown - 1]);
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_producer_setting_for_every_client_is_no_warning_from_the_consumers()
    {
        using var refusing = LocalPorts.Refusing(out var port);
        var workingDirectory = Directory.CreateTempSubdirectory("factline-kafka-log-").FullName;
        try
        {
            using var projector = FactlineProcess.Start(workingDirectory, ["project", "--bootstrap-servers", $"127.0.0.1:{port}"],
                new Dictionary<string, string> { ["Factline__Kafka__Client__message.timeout.ms"] = "2000" });
            await projector.WaitUntilAsync(() => Task.FromResult(projector.Lines.Any(line => line.Contains("Connection refused", StringComparison.Ordinal))),
                "a refused connection logged", TimeSpan.FromSeconds(60));
            await projector.StopAsync(TimeSpan.FromSeconds(60));

            Assert.DoesNotContain(projector.Lines, line => line.Contains("CONFWARN", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_broker_that_keeps_refusing_is_one_line_per_client_and_kind_and_one_unread_watermarks_warning_not_one_per_attempt()
    {
        using var refusing = LocalPorts.Refusing(out var port);
        var workingDirectory = Directory.CreateTempSubdirectory("factline-kafka-log-").FullName;
        try
        {
            using var projector = FactlineProcess.Start(workingDirectory, ["project", "--bootstrap-servers", $"127.0.0.1:{port}"], new Dictionary<string, string>());
            await projector.WaitUntilAsync(() => Task.FromResult(projector.Lines.Any(line => line.Contains("Connection refused", StringComparison.Ordinal))),
                "a refused connection logged", TimeSpan.FromSeconds(60));
            // The clients try again about every 100 ms, and the watermark refresher every 5 s (its request's timeout).
            await Task.Delay(TimeSpan.FromSeconds(11));
            await projector.StopAsync(TimeSpan.FromSeconds(60));

            var refusedByClient = projector.Lines
                .Where(line => line.Contains("Connection refused", StringComparison.Ordinal))
                .GroupBy(line => line.Trim().Split(' ')[0]);
            Assert.All(refusedByClient, client => Assert.True(client.Count() == 1, $"logged more than once:\n{string.Join("\n", client)}"));
            Assert.All(projector.Lines.Where(line => line.Contains("brokers are down", StringComparison.Ordinal)).GroupBy(line => line.Trim().Split(' ')[0]),
                client => Assert.Single(client));
            Assert.Single(projector.Lines, line => line.Contains("Could not read log watermarks", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
    }
}
