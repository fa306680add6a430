using System.CommandLine;
using System.Text.Json;
using Factline.Envelope;
using Spectre.Console;

namespace Factline.Cli.Commands;

/// <summary><c>factline status</c>: asks a running Factline how far it has read the log, and shows it.</summary>
public static class StatusCommand
{
    private static readonly Option<Uri> Server = ServerOption.Create("The running Factline server whose status to show");

    private static readonly Option<bool> Json = new("--json") { Description = "Print the status resource as JSON" };

    public static Command Create()
    {
        var command = new Command("status", "Show, per topic-partition, the bookmark, log start and end, lag, newest fact read, history gaps and quarantined records.")
        {
            Server, Json,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var http = new HttpClient { BaseAddress = result.GetRequiredValue(Server), Timeout = TimeSpan.FromSeconds(10) };
            string body;
            try
            {
                body = await http.GetStringAsync("/tmf-api/event/v4/status", cancellationToken);
            }
            catch (HttpRequestException e)
            {
                Console.Error.WriteLine($"Could not read the status from {http.BaseAddress}: {e.Message}");
                return 2;
            }
            using var status = JsonDocument.Parse(body);
            if (result.GetValue(Json))
                Console.WriteLine(body);
            else
                Render(status.RootElement);
            // Either way the exit code tells a script about a history gap.
            return status.RootElement.GetProperty("historyGap").GetBoolean() ? 3 : 0;
        });
        return command;
    }

    private static void Render(JsonElement status)
    {
        var partitions = status.GetProperty("partitions");
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("topic", "partition", "bookmark", "log start", "log end", "lag", "observed through", "lost", "quarantined");
        foreach (var p in partitions.EnumerateArray())
        {
            var gap = p.GetProperty("historyGap").GetBoolean();
            table.AddRow(
                Text(p, "topic"), Text(p, "partition"), Text(p, "bookmark"), Text(p, "logStartOffset"), Text(p, "logEndOffset"),
                Text(p, "lag"), Text(p, "observedThrough"),
                gap ? $"[bold red]{Text(p, "lostRecords")} GAP[/]" : Text(p, "lostRecords"),
                Text(p, "quarantined"));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"facts [bold]{Text(status, "facts")}[/], duplicates {Text(status, "duplicates")}, lag {Text(status, "lag")}, "
            + $"caught up: {Text(status, "caughtUp")}, observed through {Text(status, "observedThrough")}");
        var watermarksRead = partitions.EnumerateArray()
            .Select(p => p.TryGetProperty("watermarksReadAt", out var at) && at.ValueKind == JsonValueKind.String ? at.GetDateTimeOffset() : (DateTimeOffset?)null)
            .Min();
        if (watermarksRead is { } oldest)
            AnsiConsole.MarkupLine($"log start and end as Kafka reported them at {Rfc3339.Format(oldest)} or later (a bookmark can be ahead of an end read before its newest records)");
        if (partitions.GetArrayLength() == 0)
            AnsiConsole.MarkupLine("[bold yellow]No partition is known yet: Kafka has not answered, or none of the configured topics exists.[/]");
        var expired = partitions.EnumerateArray().Count(p => p.TryGetProperty("watermarksExpired", out var flag) && flag.GetBoolean());
        if (expired > 0)
            AnsiConsole.MarkupLine($"[bold yellow]Kafka has not reported the log end of {expired} partition(s) for a while: how far behind the projection is there is unknown.[/]");
        if (status.TryGetProperty("missingTopics", out var missing))
        {
            foreach (var topic in missing.EnumerateArray())
                AnsiConsole.MarkupLine($"[bold yellow]Topic {Markup.Escape(topic.GetString()!)} does not exist in the Kafka cluster: nothing of it is projected, and answers cover only the other topics.[/]");
        }
        var replaced = partitions.EnumerateArray().Where(p => p.TryGetProperty("logReplaced", out var flag) && flag.GetBoolean())
            .Select(p => $"{Text(p, "topic")}/{Text(p, "partition")}").ToArray();
        if (replaced.Length > 0)
            AnsiConsole.MarkupLine($"[bold red]LOG REPLACED: the log of {string.Join(", ", replaced)} was replaced under the projection (the topic created again, or truncated): " +
                "paused, its records not read into this view, until a rebuild has read the log as it is now (factline rebuild).[/]");
        var misplaced = partitions.EnumerateArray().Where(p => p.TryGetProperty("misplacedFacts", out var count) && count.GetInt64() > 0).ToArray();
        if (misplaced.Length > 0)
            AnsiConsole.MarkupLine($"[bold yellow]{misplaced.Sum(p => p.GetProperty("misplacedFacts").GetInt64())} fact(s) in {misplaced.Length} partition(s) are outside " +
                "the partition their correlationId belongs in (producers not keying by correlationId): answers about a correlationId there wait for every partition of its topic.[/]");
        if (status.GetProperty("historyGap").GetBoolean())
            AnsiConsole.MarkupLine("[bold red]HISTORY GAP: records were deleted by Kafka's retention, skipped by a start position (--from) or replaced with the log before they were read. Those facts are missing from every answer.[/]");
    }

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null
            ? Markup.Escape(value.ToString())
            : "-";
}
