using System.Globalization;
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
    // USER_HZ, the unit of /proc's times: fixed at 100 by the kernel's ABI on every architecture .NET runs Linux on.
    private const double TicksPerSecond = 100;

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
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>The fields of /proc/[pid]/stat the sum needs (proc(5): ppid is field 4, utime to cstime fields 14 to 17).</summary>
    private readonly record struct ProcessStat(int ParentId, long OwnTicks, long ReapedChildTicks)
    {
        public static ProcessStat? Read(int processId)
        {
            string text;
            try
            {
                text = File.ReadAllText($"/proc/{processId}/stat");
            }
            catch (IOException)
            {
                return null; // ended meanwhile, or no such process here
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
            // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
            return new ProcessStat((int)Field(4), Field(14) + Field(15), Field(16) + Field(17));
        }
    }
}
