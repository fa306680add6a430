using System.CommandLine;
using Factline.Cli.Hosting;

namespace Factline.Cli.Commands;

/// <summary><c>factline serve</c>: project the configured topics and answer queries.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Project the configured Kafka topics into the store and serve the TMF688 API.");
        CommonOptions.AddTo(command, withApi: true);
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var app = FactlineServer.Build(CommonOptions.From(result));
            var exitCode = HostExitCode.For(app);
            await app.RunAsync(cancellationToken);
            return exitCode();
        });
        return command;
    }
}
