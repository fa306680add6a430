using System.CommandLine;

namespace Factline.Bench.Report;

/// <summary><c>report</c>: rewrites the results page from a saved run, e.g. after its layout changed.</summary>
internal static class ReportCommand
{
    private static readonly Option<string> From = new("--from") { Description = "The results.json a run saved in its work directory", Required = true };
    private static readonly Option<string> Output = new("--output") { Description = "The results page to write", DefaultValueFactory = _ => Path.Combine("bench", "RESULTS.md") };

    public static Command Create()
    {
        var command = new Command("report", "Write the results page again from a saved run.") { From, Output };
        command.SetAction(result =>
        {
            var results = ResultsFile.Load(result.GetRequiredValue(From));
            var page = Path.GetFullPath(result.GetRequiredValue(Output));
            ResultsPage.Write(results, page, RebuildMemoryLedger.RecordBeside(page, results));
        });
        return command;
    }
}
