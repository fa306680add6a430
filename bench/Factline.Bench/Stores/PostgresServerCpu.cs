using System.Globalization;
using Factline.Bench.Workers;
using Npgsql;

namespace Factline.Bench.Stores;

/// <summary>
/// The CPU time a PostgreSQL server on this machine has used so far: its postmaster and every process it
/// started (backends, WAL writer, checkpointer, autovacuum), live or ended; the kernel adds an ended
/// child's time to its parent once reaped. On a 2-core machine the server competes with the projector,
/// so the bench reports its CPU per fact beside the client's.
/// </summary>
internal static class PostgresServerCpu
{
    /// <summary>Null when the server is not a process of this machine (or /proc cannot be read).</summary>
    public static TimeSpan? Read(NpgsqlConnection connection)
    {
        using var backend = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        if (ProcessStat.Read((int)backend.ExecuteScalar()!) is not { } connected || ProcessStat.Read(connected.ParentId) is not { } postmaster)
            return null;
        var ticks = postmaster.OwnTicks + postmaster.ReapedChildTicks;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && ProcessStat.Read(id) is { } child && child.ParentId == connected.ParentId)
                ticks += child.OwnTicks;
        }
        return ProcessStat.ToTime(ticks);
    }
}
