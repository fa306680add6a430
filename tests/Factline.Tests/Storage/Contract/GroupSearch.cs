using Factline.Storage.Queries;

namespace Factline.Tests.Storage.Contract;

/// <summary>A search for one (eventType, stage, outcome), the one the search index serves.</summary>
internal static class GroupSearch
{
    public static FactQuery For(string eventType, string stage, string outcome, int limit = 1_000, params FactFilter[] more) => new()
    {
        Filters =
        [
            FactFilter.Is(FactField.EventType, eventType),
            FactFilter.Is(FactField.Stage, stage),
            FactFilter.Is(FactField.Outcome, outcome),
            .. more,
        ],
        Limit = limit,
    };
}
