using System.CommandLine;
using Factline.Projection.Replay;

namespace Factline.Cli.Hosting;

/// <summary>Options every long-running command understands; each maps onto one configuration key.</summary>
public sealed class CommonOptions
{
    public static readonly Option<string?> Config = new("--config") { Description = $"A JSON configuration file (default: ./{FactlineConfiguration.DefaultFile} when present)" };
    public static readonly Option<string?> Bootstrap = new("--bootstrap-servers", "-b") { Description = "Kafka bootstrap servers (default 127.0.0.1:9092)" };
    public static readonly Option<string[]> Topics = new("--topic", "-t") { Description = "A topic to project (repeatable; default tmf.facts)", AllowMultipleArgumentsPerToken = true };
    public static readonly Option<string?> Store = new("--store") { Description = "Projection store: sqlite (default), memory or postgres" };
    public static readonly Option<string?> DataDirectory = new("--data-dir") { Description = "Where the SQLite store lives (default ./data)" };
    public static readonly Option<string?> Urls = new("--urls") { Description = "Where the API listens (default http://127.0.0.1:8688)" };
    public static readonly Option<string?> StartFrom = CreateStartFromOption();

    public string? ConfigFile { get; private init; }
    private Dictionary<string, string?> Values { get; } = [];

    public static void AddTo(Command command, bool withApi)
    {
        command.Options.Add(Config);
        command.Options.Add(Bootstrap);
        command.Options.Add(Topics);
        command.Options.Add(Store);
        command.Options.Add(DataDirectory);
        command.Options.Add(StartFrom);
        if (withApi)
            command.Options.Add(Urls);
    }

    public static CommonOptions From(ParseResult result)
    {
        var options = new CommonOptions { ConfigFile = result.GetValue(Config) };
        options.Set("Factline:Kafka:BootstrapServers", result.GetValue(Bootstrap));
        var topics = result.GetValue(Topics) ?? [];
        for (var i = 0; i < topics.Length; i++)
            options.Set($"Factline:Kafka:Topics:{i}", topics[i]);
        options.Set("Factline:Store:Kind", result.GetValue(Store));
        options.Set("Factline:Store:DataDirectory", result.GetValue(DataDirectory));
        options.Set("Factline:Api:Urls", result.GetValue(Urls));
        options.Set("Factline:Projector:StartFrom", result.GetValue(StartFrom));
        return options;
    }

    /// <summary>Options built from code rather than a command line (the demo, tests).</summary>
    public static CommonOptions ForCode(string? configFile = null) => new() { ConfigFile = configFile };

    /// <summary>Sets a configuration key from code (the demo points the service at its own broker).</summary>
    public void Set(string key, string? value)
    {
        if (value is not null)
            Values[key] = value;
    }

    public IEnumerable<KeyValuePair<string, string?>> Overrides() => Values;

    private static Option<string?> CreateStartFromOption()
    {
        var option = new Option<string?>("--from")
        {
            Description = $"Where reading starts: {StartPosition.Syntax} (default stored: each partition's bookmark)",
        };
        option.Validators.Add(result =>
        {
            if (!StartPosition.TryParse(result.GetValueOrDefault<string?>(), out _, out var problem))
                result.AddError($"--from: {problem}");
        });
        return option;
    }
}
