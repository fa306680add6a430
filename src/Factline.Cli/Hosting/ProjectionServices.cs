using System.Diagnostics.Metrics;
using Factline.Projection;
using Factline.Projection.DeadLetters;
using Factline.Projection.Evidence;
using Factline.Projection.Replay;
using Factline.Storage;
using Factline.Storage.Memory;
using Factline.Storage.Postgres;
using Factline.Storage.Sqlite;

namespace Factline.Cli.Hosting;

/// <summary>Registers the configured projection store and the projector that feeds it.</summary>
public static class ProjectionServices
{
    public static IServiceCollection AddProjection(this IServiceCollection services, IConfiguration configuration)
    {
        var store = configuration.GetSection(StoreOptions.Section).Get<StoreOptions>() ?? new StoreOptions();
        var projector = configuration.ReadValidated<ProjectorOptions>(ProjectorOptions.Section);

        var kafka = configuration.ReadKafkaOptions();
        services.AddSingleton(kafka);
        if (kafka.DeadLetterTopic is not null)
            services.AddSingleton<IDeadLetterSink, DeadLetterProducer>();
        services.AddSingleton(projector);
        services.AddSingleton<IProjectionStore>(_ => OpenStore(store));
        services.AddSingleton<IProjectionWriter>(sp => sp.GetRequiredService<IProjectionStore>());
        services.AddSingleton<IFactReader>(sp => sp.GetRequiredService<IProjectionStore>());
        services.AddSingleton<IBookmarkReader>(sp => sp.GetRequiredService<IProjectionStore>());
        services.AddSingleton<IOffsetsForTimes, KafkaOffsetsForTimes>();
        services.AddMetrics();
        services.AddSingleton(sp =>
        {
            var projector = ActivatorUtilities.CreateInstance<Projector>(sp);
            ProjectorMetrics.Publish(sp.GetRequiredService<IMeterFactory>(), projector.Statistics, sp.GetRequiredService<IReadProgressSource>());
            return projector;
        });
        services.AddHostedService<ProjectorHostedService>();

        services.AddSingleton(configuration.ReadValidated<EvidenceOptions>(EvidenceOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<LogWatermarkMonitor>();
        services.AddHostedService<LogWatermarkRefresher>();
        services.AddSingleton<IReadProgressSource, ReadProgressSource>();
        services.AddRebuild(configuration, store, () => OpenStore(store));
        return services;
    }

    private static IProjectionStore OpenStore(StoreOptions options) => options.Kind.Trim().ToLowerInvariant() switch
    {
        "sqlite" => SqliteProjectionStore.Open(options.Sqlite),
        "memory" => new MemoryProjectionStore(),
        "postgres" => PostgresProjectionStore.Open(options.ToPostgresOptions()),
        _ => throw new ArgumentException(
            $"{StoreOptions.Section}:{nameof(StoreOptions.Kind)} must be \"sqlite\", \"memory\" or \"postgres\", not \"{options.Kind}\"."),
    };
}
