using System.CommandLine;
using Factline.Cli.Commands;

var root = new RootCommand("Factline: observed history of telecom transactions, projected from Kafka facts.")
{
    DemoCommand.Create(),
    ServeCommand.Create(),
    ProjectCommand.Create(),
    DevBrokerCommand.Create(),
    StatusCommand.Create(),
    RebuildCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
