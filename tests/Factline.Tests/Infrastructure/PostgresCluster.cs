using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Factline.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server: initdb into a temporary directory, start on a free port of
/// 127.0.0.1, and on dispose stop it and delete the directory. PostgreSQL refuses to run as root, so
/// when the tests run as root (as in CI) the server runs as the <c>postgres</c> user instead.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const string BinariesRoot = "/usr/lib/postgresql";
    private const string ServiceUser = "postgres";
    private const int StartAttempts = 3;

    private readonly string _bin;
    private readonly string _directory;

    private PostgresCluster(string bin, string directory, int port)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Connects as the superuser to the default database.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username={ServiceUser};Database=postgres";

    private string DataDirectory => Path.Combine(_directory, "data");
    private string LogFile => Path.Combine(_directory, "postgres.log");

    /// <summary>Creates and starts a cluster; fails with the reason (and the server's log) when it cannot.</summary>
    public static async Task<PostgresCluster> StartAsync()
    {
        var bin = FindBinaries();
        var directory = Path.Combine(Path.GetTempPath(), "factline-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            if (Environment.IsPrivilegedProcess)
                await RunAsync("chown", ServiceUser, directory);
            await RunAsServerUserAsync(Path.Combine(bin, "initdb"),
                "-D", Path.Combine(directory, "data"), "-A", "trust", "-U", ServiceUser, "-E", "UTF8", "--locale=C", "--no-sync");
            return await StartOnFreePortAsync(bin, directory);
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsServerUserAsync(Path.Combine(_bin, "pg_ctl"), "-D", DataDirectory, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>The newest installed PostgreSQL's bin directory (Debian installs each major version side by side).</summary>
    private static string FindBinaries()
    {
        var candidates = Directory.Exists(BinariesRoot)
            ? Directory.GetDirectories(BinariesRoot)
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .ToList()
            : [];
        return candidates.FirstOrDefault() ?? throw new InvalidOperationException(
            $"PostgreSQL is not installed: no initdb and pg_ctl under {BinariesRoot}/*/bin. " +
            "The PostgreSQL store tests need a real server: install the Debian package 'postgresql' (scripts/test.sh does this when it is missing).");
    }

    /// <summary>Starts the server on a port that was free a moment ago; another process may take it first, so a failed start is retried on another.</summary>
    private static async Task<PostgresCluster> StartOnFreePortAsync(string bin, string directory)
    {
        for (var attempt = 1; ; attempt++)
        {
            var cluster = new PostgresCluster(bin, directory, FreePort());
            try
            {
                await RunAsServerUserAsync(Path.Combine(bin, "pg_ctl"), "-D", cluster.DataDirectory, "-l", cluster.LogFile, "-w", "-t", "60",
                    "-o", $"-p {cluster.Port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off", "start");
                return cluster;
            }
            catch (InvalidOperationException e) when (attempt < StartAttempts)
            {
                Console.Error.WriteLine($"PostgreSQL did not start on port {cluster.Port}, retrying: {e.Message}");
            }
            catch (InvalidOperationException e)
            {
                var log = File.Exists(cluster.LogFile) ? await File.ReadAllTextAsync(cluster.LogFile) : "(no log)";
                throw new InvalidOperationException($"{e.Message}{Environment.NewLine}PostgreSQL log:{Environment.NewLine}{log}", e);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunAsServerUserAsync(string program, params string[] arguments) =>
        Environment.IsPrivilegedProcess
            ? RunAsync("runuser", ["-u", ServiceUser, "--", program, .. arguments])
            : RunAsync(program, arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The server's messages are asserted nowhere; a fixed language keeps failures readable.
            Environment = { ["LC_ALL"] = "C" },
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await errors}");
    }
}
