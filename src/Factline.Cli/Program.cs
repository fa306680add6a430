using System.CommandLine;
using Factline.Cli.Commands;
using Spectre.Console;

// Into a file or a pipe, Spectre.Console assumes 80 columns and wraps every longer line and table row over several;
// tables take only the width their cells need, so a wide limit keeps each line whole for grep and logs.
if (Console.IsOutputRedirected)
    AnsiConsole.Profile.Width = 512;

var root = new RootCommand("Factline: observed history of telecom transactions, projected from Kafka facts.")
{
    DemoCommand.Create(),
    ServeCommand.Create(),
    ProjectCommand.Create(),
    DevBrokerCommand.Create(),
    StatusCommand.Create(),
    RebuildCommand.Create(),
};
// A stop signal (SIGTERM, Ctrl+C) cancels the command's token, and a serving host then applies what it has read and
// leaves the consumer group. On a busy machine that takes longer than System.CommandLine's default of two seconds,
// after which it ends the process with exit code 143 and the shutdown is lost. The host's own limit (30 s) comes first.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(45), EnableDefaultExceptionHandler = false };
try
{
    return await root.Parse(args).InvokeAsync(invocation);
}
catch (Exception failure)
{
    return CommandFailure.Report(failure);
}
