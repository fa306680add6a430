using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Factline.Kafka.Mock;

/// <summary>
/// Finds the librdkafka shared library that Confluent.Kafka itself uses, so the mock cluster
/// binding and the Kafka clients share one copy of the library in the process.
/// </summary>
/// <remarks>
/// librdkafka.redist ships several Linux builds. The default one needs libsasl2.so.3, which
/// Debian 12 lacks; Confluent.Kafka then falls back to the CentOS 8 build, then the Alpine one.
/// This resolver tries the same files in the same order, and a file that loads for Confluent
/// loads here too, so both end up with the same library handle.
/// </remarks>
internal static class LibrdkafkaLibrary
{
    public const string ImportName = "librdkafka";

    private static readonly string[] LinuxBuilds = ["librdkafka.so", "centos8-librdkafka.so", "alpine-librdkafka.so"];

    private static readonly Lock Gate = new();
    private static nint _handle;

    /// <summary>Routes this assembly's <see cref="ImportName"/> imports to the library Confluent.Kafka loads.</summary>
    public static void RegisterResolver(Assembly assembly) =>
        NativeLibrary.SetDllImportResolver(assembly, (name, _, _) => name == ImportName ? Load() : 0);

    private static nint Load()
    {
        lock (Gate)
        {
            if (_handle != 0)
                return _handle;

            // Let Confluent.Kafka pick and load its build first; the same file then loads here.
            Library.Load();
            foreach (var candidate in CandidatePaths())
            {
                if (NativeLibrary.TryLoad(candidate, out var handle))
                    return _handle = handle;
            }

            // Not a Linux layout we know (Windows, macOS, a flattened publish): use the default probing.
            return 0;
        }
    }

    private static IEnumerable<string> CandidatePaths()
    {
        if (!OperatingSystem.IsLinux())
            yield break;

        var architecture = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        string[] folders =
        [
            Path.Combine(AppContext.BaseDirectory, "runtimes", $"linux-{architecture}", "native"),
            AppContext.BaseDirectory,
        ];
        foreach (var folder in folders)
        foreach (var file in LinuxBuilds)
        {
            var path = Path.Combine(folder, file);
            if (File.Exists(path))
                yield return path;
        }
    }
}
