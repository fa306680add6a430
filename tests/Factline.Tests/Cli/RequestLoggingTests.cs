using Factline.Tests.Infrastructure;

namespace Factline.Tests.Cli;

/// <summary>
/// The real <c>factline serve</c> does not log every request at Information (ASP.NET Core's five lines per request
/// buried the service's own lines under every curl), and a deployment can still ask for them.
/// </summary>
public sealed class RequestLoggingTests
{
    private const string RequestLine = "Request starting HTTP/1.1 GET";

    [Fact]
    public async Task Requests_are_not_logged_by_default()
    {
        var lines = await ServeOneRequestAsync(new Dictionary<string, string>());

        Assert.Contains(lines, line => line.Contains("Now listening on", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(RequestLine, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deployment_can_ask_for_request_logs()
    {
        var lines = await ServeOneRequestAsync(new Dictionary<string, string> { ["Logging__LogLevel__Microsoft.AspNetCore"] = "Information" });

        Assert.Contains(lines, line => line.Contains(RequestLine, StringComparison.Ordinal));
    }

    /// <summary>Starts the service on a free port (its broker address refuses connections: the API answers anyway), asks one question, stops it.</summary>
    private static async Task<IReadOnlyList<string>> ServeOneRequestAsync(Dictionary<string, string> environment)
    {
        var url = $"http://127.0.0.1:{LocalPorts.Free()}";
        environment["Factline__Api__Urls"] = url;
        var workingDirectory = Directory.CreateTempSubdirectory("factline-request-log-").FullName;
        try
        {
            using var server = FactlineProcess.Start(workingDirectory,
                ["serve", "--store", "memory", "--bootstrap-servers", $"127.0.0.1:{LocalPorts.Free()}"], environment);
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            await server.WaitUntilAsync(async () => await AnswersAsync(http, "/health/live"), "the API answering", TimeSpan.FromSeconds(60));
            using (var response = await http.GetAsync("/tmf-api/event/v4/status"))
                response.EnsureSuccessStatusCode();
            Assert.Equal(0, await server.StopAsync(TimeSpan.FromSeconds(60)));
            return server.Lines;
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
    }

    private static async Task<bool> AnswersAsync(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(path);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
