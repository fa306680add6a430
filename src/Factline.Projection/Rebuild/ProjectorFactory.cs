using Factline.Kafka;
using Factline.Projection.DeadLetters;
using Factline.Projection.Replay;
using Factline.Storage;
using Microsoft.Extensions.Logging;

namespace Factline.Projection.Rebuild;

/// <summary>Makes a rebuild's shadow projector: it reads the configured cluster from earliest into a given store.</summary>
/// <param name="deadLetters">Where the live projector passes quarantined records on, if anywhere.</param>
public sealed class ProjectorFactory(KafkaOptions kafka, ProjectorOptions options, IOffsetsForTimes offsetsForTimes, ILogger<Projector> logger,
    IDeadLetterSink? deadLetters = null)
{
    /// <summary>
    /// A projector into <paramref name="shadow"/> with the configured batching, from the earliest records, that passes on
    /// only the quarantined records <paramref name="live"/> has not quarantined (see <see cref="DeadLettersNewToLiveView"/>).
    /// </summary>
    public Projector CreateShadow(IProjectionWriter shadow, IFactReader live) =>
        new(kafka, options.StartingFrom(StartPosition.Earliest), shadow, offsetsForTimes, logger,
            deadLetters is null ? null : new DeadLettersNewToLiveView(live, deadLetters));
}
