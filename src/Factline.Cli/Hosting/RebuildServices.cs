using Factline.Projection;
using Factline.Projection.Rebuild;
using Factline.Storage;
using Factline.Storage.Memory;
using Factline.Storage.Postgres;
using Factline.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Factline.Cli.Hosting;

/// <summary>Registers the rebuild without downtime, for the store kinds that can make shadow stores.</summary>
public static class RebuildServices
{
    /// <param name="open">Opens the live store of the configured kind.</param>
    public static IServiceCollection AddRebuild(this IServiceCollection services, IConfiguration configuration, StoreOptions store, Func<IProjectionStore> open)
    {
        if (ShadowStoresFor(store) is not { } shadows)
            return services; // The admin endpoint then answers that this store cannot be rebuilt in place.

        // Every user of the store goes through the holder, so that a rebuild can replace the store underneath them.
        services.AddSingleton(_ => new SwappableProjectionStore(open()));
        services.Replace(ServiceDescriptor.Singleton<IProjectionStore>(sp => sp.GetRequiredService<SwappableProjectionStore>()));
        services.AddSingleton(_ => shadows());
        services.AddSingleton(configuration.ReadValidated<RebuildOptions>(RebuildOptions.Section));
        services.AddSingleton<ProjectorFactory>();
        services.AddSingleton<ProjectionRebuilder>();
        return services;
    }

    /// <summary>
    /// A store kind plugs into rebuilds by adding its <see cref="IShadowStores"/> here; made when first
    /// needed, so that a configuration error surfaces where the store itself is opened.
    /// </summary>
    private static Func<IShadowStores>? ShadowStoresFor(StoreOptions store) => store.Kind.Trim().ToLowerInvariant() switch
    {
        "sqlite" => () => new SqliteShadowStores(store.Sqlite, TimeProvider.System),
        "memory" => () => new MemoryShadowStores(),
        "postgres" => () => new PostgresShadowStores(store.ToPostgresOptions(), TimeProvider.System),
        _ => null,
    };
}
