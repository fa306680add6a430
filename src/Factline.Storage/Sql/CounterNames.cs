namespace Factline.Storage.Sql;

/// <summary>The rows of the counters table: one running total per name.</summary>
public static class CounterNames
{
    public const string Facts = "facts";
    public const string Duplicates = "duplicates";

    public static string Quarantined(QuarantineReason reason) => $"quarantined.{reason}";

    public static ProjectionCounters ToCounters(IReadOnlyDictionary<string, long> totals) => new(
        totals.GetValueOrDefault(Facts),
        totals.GetValueOrDefault(Duplicates),
        Enum.GetValues<QuarantineReason>().ToDictionary(reason => reason, reason => totals.GetValueOrDefault(Quarantined(reason))));
}
