using Factline.Tests.Infrastructure;

namespace Factline.Tests.Cli;

/// <summary>
/// The commands that talk to a running server over HTTP (<c>factline status</c>, <c>factline rebuild</c>), run as the
/// real <c>factline</c> process: what they do when the server is missing or misnamed.
/// </summary>
public sealed class ClientCommandTests
{
    [Fact]
    public async Task The_status_command_says_when_it_cannot_reach_the_service_and_exits_2()
    {
        using var status = FactlineProcess.Start(Path.GetTempPath(), ["status", "--server", $"http://127.0.0.1:{LocalPorts.Free()}"], new Dictionary<string, string>());

        Assert.Equal(2, await status.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains(status.Lines, line => line.StartsWith("Could not read the status from http://127.0.0.1:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("status")]
    [InlineData("rebuild")]
    public async Task A_client_command_refuses_a_server_that_is_not_an_http_url(string command)
    {
        using var client = FactlineProcess.Start(Path.GetTempPath(), [command, "--server", "127.0.0.1:8688"], new Dictionary<string, string>());

        Assert.Equal(1, await client.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains(client.Lines, line => line.Contains("--server: '127.0.0.1:8688' is not an absolute http(s) URL", StringComparison.Ordinal));
        Assert.DoesNotContain(client.Lines, line => line.Contains("Unhandled exception", StringComparison.Ordinal));
    }
}
