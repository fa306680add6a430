namespace Factline.Storage.Queries;

/// <summary>
/// One comparable value: text for text fields, a number for integer fields, UTC ticks for time fields.
/// Enum-valued fields (recordType, outcome) are compared by their wire names ("IN_PROGRESS").
/// </summary>
public readonly record struct FilterValue(string? Text, long Number)
{
    public static FilterValue Of(string text) => new(text, 0);
    public static FilterValue Of(long number) => new(null, number);
    public static FilterValue Of(DateTimeOffset time) => new(null, time.UtcTicks);

    public override string ToString() => Text ?? Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
