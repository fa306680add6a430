using System.Globalization;

namespace Factline.Bench.Workers;

/// <summary>The fields of /proc/[pid]/stat the bench reads (proc(5): ppid is field 4, utime to cstime fields 14 to 17).</summary>
internal readonly record struct ProcessStat(int ParentId, long OwnTicks, long ReapedChildTicks)
{
    // USER_HZ, the unit of /proc's times: fixed at 100 by the kernel's ABI on every architecture .NET runs Linux on.
    private const double TicksPerSecond = 100;

    /// <summary>The CPU time of the process's own threads.</summary>
    public TimeSpan OwnCpu => ToTime(OwnTicks);

    public static TimeSpan ToTime(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);

    /// <summary>Null when the process has ended or is not visible here.</summary>
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
