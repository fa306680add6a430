namespace Factline.Storage;

/// <summary>Quarantine reasons as the API and the timelines name them: INVALID_JSON, MISSING_FIELD, ...</summary>
public static class QuarantineReasonNames
{
    private static readonly Dictionary<QuarantineReason, string> Names = Enum.GetValues<QuarantineReason>()
        .ToDictionary(reason => reason, ToUpperSnake);

    private static readonly Dictionary<string, QuarantineReason> Reasons = Names.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> All => Names.Values;

    public static string Of(QuarantineReason reason) => Names[reason];

    public static bool TryParse(string name, out QuarantineReason reason) => Reasons.TryGetValue(name, out reason);

    private static string ToUpperSnake(QuarantineReason reason) =>
        string.Concat(reason.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));
}
