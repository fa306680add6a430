namespace Factline.Api.Admin;

/// <summary>The TMF error codes of a refused <c>POST /admin/rebuild</c>, for clients that act on them (<c>factline rebuild</c>).</summary>
public static class RebuildErrorCodes
{
    /// <summary>A rebuild runs on this instance: follow it with <c>GET /admin/rebuild</c>.</summary>
    public const string InProgress = "REBUILD_IN_PROGRESS";

    /// <summary>A rebuild runs on another instance sharing the store: this one cannot show it.</summary>
    public const string RunningElsewhere = "REBUILD_RUNNING_ELSEWHERE";

    /// <summary>The live view holds records Kafka no longer retains: a rebuild would drop them unless asked with <c>acceptHistoryLoss=true</c>.</summary>
    public const string WouldLoseHistory = "REBUILD_WOULD_LOSE_HISTORY";
}
