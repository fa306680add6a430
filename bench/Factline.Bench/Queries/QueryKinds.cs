namespace Factline.Bench.Queries;

/// <summary>The names of the query kinds, shared by the in-process and HTTP scenarios and the targets.</summary>
public static class QueryKinds
{
    public const string EventId = "eventId lookup";
    public const string Timeline = "timeline (correlationId)";
    public const string Search = "search: 3 filters, limit 100";
    public const string SearchWithoutTotal = "search without the total count";
    public const string KeysetPage = "keyset page at a random depth, limit 100";
}
