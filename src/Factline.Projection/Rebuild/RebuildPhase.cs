namespace Factline.Projection.Rebuild;

/// <summary>Where a rebuild stands.</summary>
public enum RebuildPhase
{
    /// <summary>The shadow store is being built from the earliest retained record; the live view answers queries.</summary>
    Replaying,

    /// <summary>
    /// The shadow has caught up and is made ready for queries (SQLite builds the query indexes its replay went
    /// without); it goes on reading, and the live view answers queries.
    /// </summary>
    Preparing,

    /// <summary>The live projector is paused while the shadow reaches its positions; then the shadow replaces the live view.</summary>
    Swapping,

    /// <summary>The rebuilt view is live.</summary>
    Completed,

    /// <summary>The rebuild gave up; the live view is the one it was before, and the shadow is deleted.</summary>
    Failed,
}
