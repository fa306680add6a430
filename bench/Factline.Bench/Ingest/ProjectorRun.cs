using Factline.Bench.Corpus;
using Factline.Projection;
using Factline.Projection.Replay;
using Factline.Storage;

namespace Factline.Bench.Ingest;

/// <summary>The product's projector, with its default options, replaying the whole topic into a fresh store.</summary>
internal static class ProjectorRun
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <param name="finish">Work that belongs to the run once every record is stored (a rebuild preparing its shadow), timed with it.</param>
    /// <returns>The time from the projector's start to the commit of its last batch (and the end of <paramref name="finish"/>).</returns>
    /// <exception cref="InvalidOperationException">The projector stopped early, or the store does not hold exactly the topic's facts.</exception>
    public static async Task<WorkTime> CatchUpAsync(TopicSource source, IProjectionStore store, CancellationToken cancellationToken, Func<Task>? finish = null)
    {
        using var logging = LoggerFactory.Create(builder => builder.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        var kafka = source.KafkaFor("projector");
        using var offsetsForTimes = new KafkaOffsetsForTimes(kafka, logging.CreateLogger<KafkaOffsetsForTimes>());
        var projector = new Projector(kafka, new ProjectorOptions(), store, offsetsForTimes, logging.CreateLogger<Projector>());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var timer = WorkTimer.Start();
        var running = Task.Run(() => projector.RunAsync(stop.Token), CancellationToken.None);
        // Statistics count a batch once the store has committed it, so reaching the total means everything is stored.
        while (projector.Statistics.Records < source.Facts)
        {
            if (running.IsCompleted)
            {
                await running;
                throw new InvalidOperationException($"The projector stopped after {projector.Statistics.Records} of {source.Facts} records.");
            }
            await Task.Delay(PollInterval, cancellationToken);
        }
        if (finish is not null)
            await finish();
        var time = timer.Stop();
        await stop.CancelAsync();
        await running;

        var counters = await store.ReadCountersAsync(cancellationToken);
        if (counters.Facts != source.Facts || counters.Quarantined != 0 || counters.Duplicates != 0)
            throw new InvalidOperationException(
                $"The store holds {counters.Facts} facts, {counters.Duplicates} duplicates and {counters.Quarantined} quarantined records; expected exactly {source.Facts} facts.");
        return time;
    }
}
