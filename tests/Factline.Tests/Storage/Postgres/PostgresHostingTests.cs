using Factline.Cli.Hosting;
using Factline.Projection.Rebuild;
using Factline.Storage;
using Factline.Storage.Postgres;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.Storage.Postgres;

/// <summary>Choosing the PostgreSQL store through configuration, as <c>factline serve</c> does.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresHostingTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Kind_postgres_opens_a_rebuildable_store_in_the_configured_schema()
    {
        var schema = postgres.NewStoreOptions().Schema;
        var configuration = Configuration(
            ("Factline:Store:Kind", "postgres"), ("Factline:Store:ConnectionString", postgres.ConnectionString), ("Factline:Store:Schema", schema));
        try
        {
            await using var services = new ServiceCollection().AddProjection(configuration).BuildServiceProvider();

            var live = Assert.IsType<SwappableProjectionStore>(services.GetRequiredService<IProjectionStore>());
            var store = Assert.IsType<PostgresProjectionStore>(live.Current);

            Assert.Equal(schema, store.Schema);
            Assert.Empty(await store.ReadBookmarksAsync());
            Assert.IsType<PostgresShadowStores>(services.GetRequiredService<IShadowStores>());
        }
        finally
        {
            await postgres.DropSchemasAsync([schema]);
        }
    }

    [Fact]
    public async Task Kind_postgres_without_a_connection_string_names_the_missing_setting()
    {
        await using var services = new ServiceCollection().AddProjection(Configuration(("Factline:Store:Kind", "postgres"))).BuildServiceProvider();

        var error = Assert.Throws<ArgumentException>(() => services.GetRequiredService<IProjectionStore>());

        Assert.Contains("Factline:Store:ConnectionString", error.Message);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
