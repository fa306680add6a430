using System.CommandLine;

namespace Factline.Bench.Stores;

/// <summary>The <c>--stores</c> option of the bench's commands: which of <see cref="BenchStores.All"/> to measure.</summary>
internal static class StoresOption
{
    public static Option<string[]> Create() => new("--stores")
    {
        Description = $"Stores to measure (default: {string.Join(", ", BenchStores.All.Select(s => s.Name))})",
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>The stores named on the command line, every store when none is.</summary>
    /// <exception cref="ArgumentException">A name is not a store the bench knows.</exception>
    public static IReadOnlyList<BenchStore> Chosen(ParseResult result, Option<string[]> option) =>
        result.GetValue(option) is { Length: > 0 } names ? [.. names.Select(BenchStores.Named)] : BenchStores.All;
}
