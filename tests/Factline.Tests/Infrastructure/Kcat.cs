using System.Diagnostics;

namespace Factline.Tests.Infrastructure;

/// <summary>Runs Debian's kcat (/usr/bin/kcat): an independent Kafka client to check Factline against.</summary>
public static class Kcat
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs kcat with the given arguments and input; returns its standard output, or throws if it fails.</summary>
    public static async Task<string> RunAsync(IEnumerable<string> arguments, string? input = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("kcat")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("kcat did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (input is not null)
            await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();

        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kcat {string.Join(' ', start.ArgumentList)} did not finish: {await errors}");
        }

        if (process.ExitCode != 0)
            throw new InvalidOperationException($"kcat {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {await errors}");
        return await output;
    }
}
