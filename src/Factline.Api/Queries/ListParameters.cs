namespace Factline.Api.Queries;

/// <summary>The TMF630 query parameters that shape a list rather than filter it.</summary>
internal static class ListParameters
{
    public const string Fields = "fields";
    public const string Sort = "sort";
    public const string Offset = "offset";
    public const string Limit = "limit";

    /// <summary>Extension: continue after a keyset position (see <see cref="Paging.CursorToken"/>).</summary>
    public const string Cursor = "cursor";

    /// <summary>Extension: "true" wraps the page in a body that also says whether the answer is complete (see <see cref="Events.EventPage"/>).</summary>
    public const string WithEvidence = "withEvidence";
}
