using System.CommandLine;
using System.Net;
using System.Text.Json;
using Factline.Api.Admin;
using Spectre.Console;

namespace Factline.Cli.Commands;

/// <summary>
/// <c>factline rebuild</c>: asks a running <c>factline serve</c> to rebuild its projection without downtime
/// (<c>POST /admin/rebuild</c>) and follows it with a progress bar. The rebuild runs inside the server,
/// beside its live projector and API, so queries are answered throughout.
/// </summary>
public static class RebuildCommand
{
    private const string RebuildPath = "/tmf-api/event/v4/admin/rebuild";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Option<Uri> Server = ServerOption.Create("The running Factline server (factline serve) whose projection to rebuild");

    private static readonly Option<bool> AcceptHistoryLoss = new("--accept-history-loss")
    {
        Description = "Rebuild even when the live view holds records Kafka no longer has (deleted by retention since they were read, or in a log replaced since): the rebuilt view will not hold them",
    };

    public static Command Create()
    {
        var command = new Command("rebuild",
            "Rebuild a running server's projection from the earliest retained record into a shadow store; the live view answers queries until the rebuilt one replaces it.")
        {
            Server, AcceptHistoryLoss,
        };
        command.SetAction((result, cancellationToken) =>
            RunAsync(result.GetRequiredValue(Server), result.GetValue(AcceptHistoryLoss), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(Uri server, bool acceptHistoryLoss, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = server };
        try
        {
            var start = acceptHistoryLoss ? $"{RebuildPath}?{RebuildParameters.AcceptHistoryLoss}=true" : RebuildPath;
            using var started = await http.PostAsync(start, content: null, cancellationToken);
            if (started.StatusCode != HttpStatusCode.Accepted)
            {
                var (code, message) = await ErrorAsync(started, cancellationToken);
                if (code != RebuildErrorCodes.InProgress)
                {
                    AnsiConsole.MarkupLineInterpolated($"[red]{server} refused the rebuild: {message}[/]");
                    if (code == RebuildErrorCodes.WouldLoseHistory)
                        AnsiConsole.MarkupLineInterpolated($"factline rebuild {AcceptHistoryLoss.Name} rebuilds anyway.");
                    return 1;
                }
                AnsiConsole.MarkupLine("A rebuild is already running; following it.");
            }
            var finished = await FollowAsync(http, cancellationToken);
            return Report(finished);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C stops following, not the rebuild: it runs in the server.
            AnsiConsole.MarkupLineInterpolated($"Stopped following; a rebuild the server started goes on there (GET {new Uri(server, RebuildPath)}).");
            return 130;
        }
        catch (HttpRequestException e)
        {
            AnsiConsole.MarkupLineInterpolated(
                $"[red]No Factline server answers at {server} ({e.Message}). factline rebuild asks a running factline serve to rebuild, so that queries go on meanwhile.[/]");
            return 1;
        }
    }

    /// <summary>Polls the rebuild resource until it has finished, drawing its progress.</summary>
    private static Task<RebuildRepresentation> FollowAsync(HttpClient http, CancellationToken cancellationToken) =>
        AnsiConsole.Progress()
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new TaskStateColumn(RateKey, rate => $"{rate:N0} records/s"),
                new TaskStateColumn(EtaKey, seconds => seconds < 0 ? "ETA -:--" : $"ETA {TimeSpan.FromSeconds(Math.Ceiling(seconds)):g}"))
            .StartAsync(async context =>
            {
                var task = context.AddTask("replaying", maxValue: 1);
                while (true)
                {
                    var rebuild = await http.GetFromJsonAsync<RebuildRepresentation>(RebuildPath, Json, cancellationToken)
                        ?? throw new HttpRequestException("the server answered with an empty rebuild resource");
                    task.Description = rebuild.Phase;
                    task.MaxValue = Math.Max(1, rebuild.RecordsTotal);
                    task.Value = rebuild.RecordsApplied;
                    task.State.Update<double>(RateKey, _ => rebuild.RecordsPerSecond);
                    task.State.Update<double>(EtaKey, _ => rebuild.EstimatedSecondsLeft ?? -1);
                    if (rebuild.Phase is "completed" or "failed")
                    {
                        task.StopTask();
                        return rebuild;
                    }
                    await Task.Delay(PollInterval, cancellationToken);
                }
            });

    private const string RateKey = "rate";
    private const string EtaKey = "eta";

    private static int Report(RebuildRepresentation rebuild)
    {
        if (rebuild.Phase == "completed")
        {
            AnsiConsole.MarkupLineInterpolated($"Rebuild {rebuild.Id} completed: {rebuild.RecordsApplied:N0} records replayed; the rebuilt view is live.");
            return 0;
        }
        AnsiConsole.MarkupLineInterpolated($"[red]Rebuild {rebuild.Id} failed: {rebuild.Failure}. The live view is unchanged.[/]");
        return 1;
    }

    /// <summary>The TMF error's code and message, or the status when the body is not one.</summary>
    private static async Task<(string? Code, string Message)> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (body.RootElement.TryGetProperty("message", out var message))
            {
                var code = body.RootElement.TryGetProperty("code", out var value) ? value.GetString() : null;
                return (code, message.GetString() ?? response.StatusCode.ToString());
            }
        }
        catch (JsonException)
        {
        }
        return (null, $"{(int)response.StatusCode} {response.ReasonPhrase}");
    }
}
