namespace Factline.Api.Admin;

/// <summary>The query parameters of <c>POST /admin/rebuild</c>, for clients that send them (<c>factline rebuild</c>).</summary>
public static class RebuildParameters
{
    /// <summary><c>true</c>: rebuild even when the live view holds records Kafka no longer retains, which the rebuilt view will not.</summary>
    public const string AcceptHistoryLoss = "acceptHistoryLoss";
}
