using System.CommandLine;
using Factline.Kafka.Dev;

namespace Factline.Cli.Commands;

/// <summary><c>factline dev-broker</c>: librdkafka's mock cluster on a fixed local port, for development and demos.</summary>
public static class DevBrokerCommand
{
    private static readonly Option<int> Port = new("--port") { Description = "The port clients connect to", DefaultValueFactory = _ => 9092 };
    private static readonly Option<string> Host = new("--host") { Description = "The address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
    private static readonly Option<string> Topic = new("--topic") { Description = "The topic to create", DefaultValueFactory = _ => "tmf.facts" };
    private static readonly Option<int> Partitions = new("--partitions") { Description = "Partitions of the topic", DefaultValueFactory = _ => 6 };

    public static Command Create()
    {
        var command = new Command("dev-broker", "Run an in-process Kafka-protocol broker (librdkafka's mock cluster) until Ctrl+C. Its log lives in memory only, and each partition keeps about its newest 5 MiB: older records are dropped, as Kafka's retention drops them.")
        {
            Port, Host, Topic, Partitions,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var options = new DevBrokerOptions
            {
                Host = result.GetRequiredValue(Host),
                Port = result.GetRequiredValue(Port),
                Topics = [new DevTopic { Name = result.GetRequiredValue(Topic), Partitions = result.GetRequiredValue(Partitions) }],
            };
            await using var broker = DevBroker.Start(options);
            Console.WriteLine($"Kafka dev broker listening. Bootstrap servers: {broker.BootstrapServers}");
            Console.WriteLine($"Topic {options.Topics[0].Name} with {options.Topics[0].Partitions} partitions, each keeping about its newest 5 MiB. Ctrl+C stops it (and forgets its log).");
            Console.WriteLine($"Try: kcat -b {broker.BootstrapServers} -L");
            await WaitForCancellation(cancellationToken);
        });
        return command;
    }

    internal static async Task WaitForCancellation(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
