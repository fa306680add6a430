namespace Factline.Storage.Queries;

/// <summary>A search over projected facts: filters (AND), an order, and a page.</summary>
public sealed record FactQuery
{
    public IReadOnlyList<FactFilter> Filters { get; init; } = [];
    public FactSort Sort { get; init; } = FactSort.Timeline;

    /// <summary>Rows to skip. Ignored when <see cref="After"/> is set.</summary>
    public int Offset { get; init; }
    public int Limit { get; init; } = 100;

    /// <summary>Continue after this row instead of skipping <see cref="Offset"/> rows.</summary>
    public FactCursor? After { get; init; }

    /// <summary>Whether to count every matching fact, not just the page (costly on broad searches).</summary>
    public bool IncludeTotal { get; init; } = true;

    public static FactQuery ForCorrelation(string correlationId, int limit = 10_000) => new()
    {
        Filters = [FactFilter.Is(FactField.CorrelationId, correlationId)],
        Limit = limit,
    };
}
