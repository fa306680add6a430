using System.Net;
using System.Net.Sockets;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.Cli;

/// <summary>
/// A command that cannot start because of a wrong setting or a busy port says why in one line and exits 1, as the real
/// <c>factline</c> process: no "Unhandled exception" with a stack trace that reads like a crash.
/// </summary>
public sealed class StartupFailureTests
{
    [Theory]
    [InlineData("dev-broker --partitions 0", "factline: Factline:DevBroker:Topics topic 'tmf.facts' needs at least 1 partition, got 0.")]
    [InlineData("serve --store nosuch", "factline: Factline:Store:Kind must be \"sqlite\", \"memory\" or \"postgres\", not \"nosuch\".")]
    [InlineData("project --store postgres", "factline: Factline:Store:ConnectionString is required when Factline:Store:Kind is \"postgres\".")]
    [InlineData("serve --urls notaurl", "factline: Factline:Api:Urls: 'notaurl' is not an address to listen on, such as http://127.0.0.1:8688.")]
    [InlineData("serve --urls http://127.0.0.1:99999", "factline: Factline:Api:Urls: 'http://127.0.0.1:99999' has port 99999; a port is 0 to 65535.")]
    [InlineData("serve --urls https://127.0.0.1:8688", "factline: Factline:Api:Urls: 'https://127.0.0.1:8688' asks for https; Factline serves plain HTTP, to put behind a proxy that terminates TLS.")]
    [InlineData("serve --bootstrap-servers ", "factline: Factline:Kafka:BootstrapServers is empty; name the Kafka cluster's brokers, e.g. 127.0.0.1:9092.")]
    public async Task A_wrong_setting_is_one_line_naming_it(string arguments, string expected) =>
        await AssertFailsWithAsync(arguments.Split(' '), expected);

    [Theory]
    [InlineData("Factline__Projector__MaxBatchSize", "0", "factline: Factline:Projector:MaxBatchSize must be 1 or more, not 0.")]
    [InlineData("Factline__Kafka__Topics__0", " ", "factline: Factline:Kafka:Topics:0 is empty; name a topic to project.")]
    [InlineData("Factline__Kafka__DeadLetterTopic", "tmf.facts", "factline: Factline:Kafka:DeadLetterTopic is 'tmf.facts', one of the projected topics (Factline:Kafka:Topics); name a topic of its own.")]
    [InlineData("Factline__Kafka__DeadLetterTopic", "dead letters", "factline: Factline:Kafka:DeadLetterTopic 'dead letters' is not a Kafka topic name: use letters, digits, '.', '_' and '-' (and not '.' or '..' alone).")]
    [InlineData("Factline__Kafka__GroupProtocol", "kip848", "factline: Factline:Kafka:GroupProtocol must be \"consumer\" (KIP-848) or \"classic\", not \"kip848\".")]
    [InlineData("Factline__Kafka__Client__fetch.wait.max.msec", "100", "factline: Factline:Kafka:Client is refused by the Kafka client: No such configuration property: \"fetch.wait.max.msec\".")]
    [InlineData("Factline__Api__DefaultLimit", "5000", "factline: Factline:Api:DefaultLimit must be at most MaxLimit (1000), not 5000.")]
    [InlineData("Factline__Api__DeliveryTimeout", "00:00:00", "factline: Factline:Api:DeliveryTimeout must be longer than zero, not 00:00:00.")]
    [InlineData("Factline__Pipelines__Default__StallThreshold", "-00:01:00", "factline: Factline:Pipelines:Default:StallThreshold must be positive, got -00:01:00.")]
    [InlineData("Logging__LogLevel__Default", "Loud", "factline: Logging:LogLevel:Default must be one of Trace, Debug, Information, Warning, Error, Critical, None, not 'Loud'.")]
    [InlineData("Logging__Console__LogLevel__Factline", "verbose", "factline: Logging:Console:LogLevel:Factline must be one of Trace, Debug, Information, Warning, Error, Critical, None, not 'verbose'.")]
    [InlineData("Factline__Kafka__Client__fetch.wait.max.ms", "soon", "factline: Factline:Kafka:Client is refused by the Kafka client: Invalid value for configuration property \"fetch.wait.max.ms\".")]
    public async Task A_setting_from_the_environment_out_of_range_is_one_line_naming_it(string variable, string value, string expected) =>
        await AssertFailsWithAsync(["serve"], expected, new Dictionary<string, string> { [variable] = value });

    [Fact]
    public async Task A_dev_broker_host_that_does_not_resolve_is_one_line_naming_the_setting()
    {
        var workingDirectory = Directory.CreateTempSubdirectory("factline-startup-").FullName;
        try
        {
            // .invalid never resolves (RFC 2606); the resolver's own words depend on the machine.
            using var factline = FactlineProcess.Start(workingDirectory, ["dev-broker", "--host", "nonexistent.invalid", "--port", "0"], new Dictionary<string, string>());

            Assert.Equal(1, await factline.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.StartsWith("factline: Factline:DevBroker:Host 'nonexistent.invalid' does not resolve to an address: ", Assert.Single(factline.Lines));
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task An_address_that_is_not_this_machine_s_ends_with_one_line_naming_it()
    {
        var workingDirectory = Directory.CreateTempSubdirectory("factline-startup-").FullName;
        try
        {
            // 192.0.2.0/24 is reserved for documentation (RFC 5737): no machine has it. Kestrel finds out only when it binds,
            // after the host has started its services (whose own log says that the start failed).
            using var factline = FactlineProcess.Start(workingDirectory, ["serve", "--store", "memory", "--urls", "http://192.0.2.1:8688"], new Dictionary<string, string>());

            Assert.Equal(1, await factline.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Equal("factline: cannot listen on Factline:Api:Urls: Cannot assign requested address", factline.Lines[^1]);
            AssertNoStackTrace(factline.Lines);
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_busy_API_port_ends_with_one_line_naming_it_and_no_stack_trace()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        var workingDirectory = Directory.CreateTempSubdirectory("factline-startup-").FullName;
        try
        {
            using var factline = FactlineProcess.Start(workingDirectory, ["serve", "--store", "memory", "--urls", $"http://127.0.0.1:{port}"], new Dictionary<string, string>());

            Assert.Equal(1, await factline.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Equal($"factline: Failed to bind to address http://127.0.0.1:{port}: address already in use.", factline.Lines[^1]);
            AssertNoStackTrace(factline.Lines);
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
    }

    /// <summary>The host's own report of the failed start (an error with a stack trace) is not shown: the last line says it all.</summary>
    private static void AssertNoStackTrace(IReadOnlyList<string> lines)
    {
        Assert.DoesNotContain(lines, line => line.Contains("Unhandled exception", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("Hosting failed to start", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"Factline": {""", "Could not parse the JSON file: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed. LineNumber: 0 | BytePositionInLine: 14.")]
    [InlineData("""{"Factline": {"Pipelines": {"EventTypes": {"OrderEvent": {"StallThreshold": "00:01:00"}, "ORDEREVENT": {"StallThreshold": "00:02:00"}}}}}""",
        "A duplicate key 'Factline:Pipelines:EventTypes:ORDEREVENT:StallThreshold' was found.")]
    public async Task A_configuration_file_that_does_not_parse_is_one_line_naming_the_file_and_what_is_wrong(string content, string wrong)
    {
        var folder = Directory.CreateTempSubdirectory("factline-config-").FullName;
        try
        {
            var file = Path.Combine(folder, "factline.json");
            File.WriteAllText(file, content);

            await AssertFailsWithAsync(["serve", "--config", file], $"factline: Failed to load configuration from file '{file}': {wrong}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_busy_port_is_one_line_naming_it()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        await AssertFailsWithAsync(["dev-broker", "--port", port.ToString()],
            $"factline: Cannot listen on 127.0.0.1:{port}: the port is already in use (another dev broker or Kafka?). Choose another port " +
            "(Factline:DevBroker:Port: dev-broker --port, demo --broker-port).");
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_is_one_line_naming_it()
    {
        var port = LocalPorts.Free();

        await AssertFailsWithAsync(["project", "--store", "postgres"],
            $"factline: the store could not be opened: Failed to connect to 127.0.0.1:{port}: Connection refused",
            new Dictionary<string, string> { ["Factline__Store__ConnectionString"] = $"Host=127.0.0.1;Port={port};Username=factline;Timeout=5" });
    }

    [Fact]
    public async Task A_store_file_that_is_not_a_database_is_one_line_naming_it()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("factline-data-").FullName;
        try
        {
            var file = Path.Combine(dataDirectory, "factline.db");
            File.WriteAllText(file, "not a database, but long enough to have a header where SQLite looks for one");

            await AssertFailsWithAsync(["project", "--data-dir", dataDirectory],
                $"factline: {file} is not a readable Factline SQLite store (SQLite Error 26: 'file is not a database'). " +
                "A projection can always be rebuilt from the log: move the file away and start again.");
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("NaN")]
    public async Task A_bad_demo_rate_is_refused_before_anything_starts(string rate)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("factline-startup-").FullName;
        try
        {
            using var demo = FactlineProcess.Start(workingDirectory,
                ["demo", "--rate", rate, "--broker-port", LocalPorts.Free().ToString(), "--urls", $"http://127.0.0.1:{LocalPorts.Free()}"],
                new Dictionary<string, string>());

            Assert.Equal(1, await demo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.StartsWith("--rate: must be 0 (as fast as possible) or a positive number of transactions per second", demo.Lines[0]);
            Assert.DoesNotContain(demo.Lines, line => line.Contains("Now listening", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
    }

    private static async Task AssertFailsWithAsync(string[] arguments, string expected, IReadOnlyDictionary<string, string>? environment = null)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("factline-startup-").FullName;
        try
        {
            using var factline = FactlineProcess.Start(workingDirectory, arguments, environment ?? new Dictionary<string, string>());
            var exitCode = await factline.WaitForExitAsync(TimeSpan.FromSeconds(60));

            Assert.True(exitCode == 1, $"exit code {exitCode}:\n{factline.Output}");
            Assert.Equal([expected], factline.Lines);
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
    }
}
