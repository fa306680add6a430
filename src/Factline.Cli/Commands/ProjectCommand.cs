using System.CommandLine;
using Factline.Cli.Hosting;

namespace Factline.Cli.Commands;

/// <summary><c>factline project</c>: the projector alone, no API.</summary>
public static class ProjectCommand
{
    public static Command Create()
    {
        var command = new Command("project", "Project the configured Kafka topics into the store, without serving the API.");
        CommonOptions.AddTo(command, withApi: false);
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = FactlineServer.BuildProjectorOnly(CommonOptions.From(result));
            var exitCode = HostExitCode.For(host);
            await host.RunAsync(cancellationToken);
            return exitCode();
        });
        return command;
    }
}
