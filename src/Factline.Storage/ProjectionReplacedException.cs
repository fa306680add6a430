namespace Factline.Storage;

/// <summary>
/// A batch was refused, whole, because a rebuild has replaced the projection it was read against (another
/// instance promoted a rebuilt view of a shared store). The store now answers from the rebuilt view; its
/// writer claims its partitions again (<see cref="IProjectionWriter.ClaimAsync"/>) and reads on from their bookmarks there.
/// </summary>
public sealed class ProjectionReplacedException(string detail)
    : Exception($"the projection was replaced by a rebuild ({detail}): claim the partitions again and read on from their bookmarks");
