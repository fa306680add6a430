using System.CommandLine;
using Factline.Bench.Probes;
using Factline.Bench.Report;
using Factline.Bench.Suite;
using Factline.Bench.Workers;

var root = new RootCommand("Factline benchmarks: ingest, queries in process and over HTTP, the topic-scan alternative, footprint.")
{
    AllCommand.Create(),
    ProbeCommand.Create(),
    ReadProbeCommand.Create(),
    ReportCommand.Create(),
    WorkerCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
