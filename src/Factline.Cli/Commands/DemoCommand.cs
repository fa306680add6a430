using System.CommandLine;
using Factline.Cli.Hosting;
using Factline.Kafka;
using Factline.Kafka.Dev;
using Factline.Kafka.Producing;
using Factline.Simulator;
using Factline.Simulator.Traffic;

namespace Factline.Cli.Commands;

/// <summary>
/// <c>factline demo</c>: the dev broker, simulated TM Forum traffic, the projector and the API in one
/// process, on the embedded defaults.
/// </summary>
public static class DemoCommand
{
    private const string Topic = "tmf.facts";
    private const string DeadLetterTopic = "tmf.facts.dead-letters";

    private static readonly Option<int> BrokerPort = new("--broker-port") { Description = "The dev broker's port", DefaultValueFactory = _ => 9092 };
    private static readonly Option<double> Rate = CreateRateOption();
    private static readonly Option<string> DataDirectory = new("--data-dir") { Description = "Where the demo's SQLite store lives (emptied at start)", DefaultValueFactory = _ => "./data/demo" };
    private static readonly Option<string> Urls = new("--urls") { Description = "Where the API listens", DefaultValueFactory = _ => "http://127.0.0.1:8688" };

    public static Command Create()
    {
        var command = new Command("demo", "Run a dev broker, simulated traffic, the projector and the API together until Ctrl+C.")
        {
            BrokerPort, Rate, DataDirectory, Urls,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var dataDirectory = result.GetRequiredValue(DataDirectory);
            var urls = result.GetRequiredValue(Urls);

            await using var broker = DevBroker.Start(new DevBrokerOptions
            {
                Port = result.GetRequiredValue(BrokerPort),
                Topics = [new DevTopic { Name = Topic, Partitions = 6 }, new DevTopic { Name = DeadLetterTopic, Partitions = 1 }],
            });

            // The dev broker's log lives in memory and starts empty, so last run's projection describes a log
            // that no longer exists: throw it away and rebuild from the new log, as any view may be.
            if (Directory.Exists(dataDirectory))
                Directory.Delete(dataDirectory, recursive: true);

            var options = CommonOptions.ForCode();
            options.Set("Factline:Kafka:BootstrapServers", broker.BootstrapServers);
            options.Set("Factline:Kafka:Topics:0", Topic);
            options.Set("Factline:Kafka:DeadLetterTopic", DeadLetterTopic);
            options.Set("Factline:Store:Kind", "sqlite");
            options.Set("Factline:Store:DataDirectory", dataDirectory);
            options.Set("Factline:Api:Urls", urls);
            await using var app = FactlineServer.Build(options);
            var exitCode = HostExitCode.For(app);
            await app.StartAsync(cancellationToken);

            using var producer = new FactProducer(new FactProducerOptions
            {
                Kafka = new KafkaOptions { BootstrapServers = broker.BootstrapServers },
                Topic = Topic,
            }, logger: app.Services.GetRequiredService<ILogger<FactProducer>>());
            var generator = new FlowGenerator(new SimulatorOptions { Clock = TimeProvider.System });
            var traffic = new TrafficSimulator(generator, new FactProducerSink(producer), new TrafficOptions
            {
                RatePerSecond = result.GetRequiredValue(Rate),
                Unit = RateUnit.Transactions,
            });
            // Until Ctrl+C, or until the server stops by itself (its projector failed): then the demo ends with it.
            using var running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, app.Lifetime.ApplicationStopping);
            var trafficRun = traffic.RunAsync(running.Token);

            DemoBanner.Print(broker.BootstrapServers, urls.TrimEnd('/'), Topic, DeadLetterTopic);
            await DevBrokerCommand.WaitForCancellation(running.Token);
            await trafficRun;
            await app.StopAsync(CancellationToken.None);
            Console.WriteLine($"Stopped. The simulator produced {traffic.FactsProduced} facts.");
            return exitCode();
        });
        return command;
    }

    /// <summary>Checked when the command line is read, before the broker, the store and the API start.</summary>
    private static Option<double> CreateRateOption()
    {
        var option = new Option<double>("--rate") { Description = "Simulated transactions per second (0: as fast as possible)", DefaultValueFactory = _ => 5 };
        option.Validators.Add(result =>
        {
            var rate = result.GetValueOrDefault<double>();
            if (!double.IsFinite(rate) || rate < 0)
                result.AddError($"--rate: must be 0 (as fast as possible) or a positive number of transactions per second, not {rate}");
        });
        return option;
    }
}
