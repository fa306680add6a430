namespace Factline.Bench.Workers;

/// <summary>The kernel's account of this process's resident memory (/proc/self/status).</summary>
/// <param name="PeakResidentBytes">VmHWM: the most resident memory the process has had since it started.</param>
/// <param name="ResidentBytes">VmRSS: resident memory now.</param>
/// <param name="FileBackedBytes">RssFile: the part of <paramref name="ResidentBytes"/> that maps files (code, memory-mapped database pages), which the kernel can drop and re-read.</param>
public readonly record struct ProcessMemory(long PeakResidentBytes, long ResidentBytes, long FileBackedBytes)
{
    public static ProcessMemory Read()
    {
        long peak = 0, resident = 0, fileBacked = 0;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                peak = Kilobytes(line);
            else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                resident = Kilobytes(line);
            else if (line.StartsWith("RssFile:", StringComparison.Ordinal))
                fileBacked = Kilobytes(line);
        }
        return new ProcessMemory(peak, resident, fileBacked);
    }

    /// <summary>Resident memory after a full, compacting collection: what the process really holds on to.</summary>
    public static ProcessMemory ReadAfterFullCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return Read();
    }

    // "VmRSS:	  123456 kB"
    private static long Kilobytes(string line) =>
        long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;
}
