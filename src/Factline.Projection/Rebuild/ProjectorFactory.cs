using Factline.Kafka;
using Factline.Projection.Replay;
using Factline.Storage;
using Microsoft.Extensions.Logging;

namespace Factline.Projection.Rebuild;

/// <summary>Makes projectors that read the configured cluster into a given store: a rebuild's shadow projector.</summary>
public sealed class ProjectorFactory(KafkaOptions kafka, ProjectorOptions options, IOffsetsForTimes offsetsForTimes, ILogger<Projector> logger)
{
    /// <summary>A projector into <paramref name="store"/> with the configured batching, starting from <paramref name="start"/>.</summary>
    public Projector Create(IProjectionWriter store, StartPosition start) =>
        new(kafka, options.StartingFrom(start), store, offsetsForTimes, logger);
}
