using Factline.Storage;

namespace Factline.Projection.DeadLetters;

/// <summary>
/// Passes quarantined records on, beside the store's quarantine. The projector calls it inside the store's transaction
/// (<see cref="ProjectionBatch.BeforeCommit"/>), so every entry the store keeps has been passed on at least once.
/// </summary>
public interface IDeadLetterSink
{
    /// <summary>Passes the entries on and returns once they are safely elsewhere.</summary>
    /// <exception cref="DeadLetterException">Some could not be passed on; the batch is not applied and is tried again.</exception>
    void Forward(IReadOnlyList<QuarantineEntry> entries);
}
