using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Factline.Tests.Browser;

/// <summary>Everything the pages of a browser context requested, failed to load, and logged as an error.</summary>
public sealed class PageTraffic
{
    // Playwright raises its events on its own connection's thread, while the test reads.
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly ConcurrentQueue<string> _errors = new();

    public PageTraffic(IBrowserContext context)
    {
        context.Request += (_, request) => _requests.Enqueue(request.Url);
        context.RequestFailed += (_, request) => _failures.Enqueue($"{request.Url}: {request.Failure}");
        context.Console += (_, message) =>
        {
            if (message.Type == "error")
                _errors.Enqueue($"console: {message.Text}");
        };
        context.WebError += (_, error) => _errors.Enqueue($"uncaught: {error.Error}");
    }

    /// <summary>The URL of every request, in the order they were made.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Requests that got no response (refused, unresolved, aborted), with the reason.</summary>
    public IReadOnlyList<string> Failures => [.. _failures];

    /// <summary>Console errors (including the browser's own "Failed to load resource") and uncaught exceptions.</summary>
    public IReadOnlyList<string> Errors => [.. _errors];
}
