using Factline.Storage.Sqlite;
using Factline.Tests.Storage.Contract;
using Microsoft.Data.Sqlite;

namespace Factline.Tests.Storage.Sqlite;

/// <summary>A SQLite rebuild replays into a shadow without its query indexes and builds them once it has caught up.</summary>
public sealed class SqliteShadowIndexTests : IDisposable
{
    private static readonly string[] QueryIndexes = ["facts_by_correlation", "facts_by_message", "facts_by_search", "facts_by_time"];

    private readonly SqliteStoreOptions _live = new() { DataDirectory = Directory.CreateTempSubdirectory("factline-shadow-index-").FullName };

    [Fact]
    public async Task A_shadow_replays_with_the_event_id_index_only_and_preparing_builds_the_query_indexes()
    {
        var shadows = new SqliteShadowStores(_live, TimeProvider.System);
        await using var shadow = (SqliteProjectionStore)await shadows.CreateAsync();
        await FactCorpus.LoadIntoAsync(shadow);

        Assert.Equal(["facts_by_event_id"], FactIndexes(shadow.DatabasePath));

        await shadows.PrepareAsync(shadow);

        Assert.Equal(QueryIndexes.Append("facts_by_event_id").Order(StringComparer.Ordinal), FactIndexes(shadow.DatabasePath));
    }

    [Fact]
    public async Task A_shadow_left_unprepared_by_a_crash_gets_its_query_indexes_when_it_is_opened()
    {
        string path;
        await using (var shadow = (SqliteProjectionStore)await new SqliteShadowStores(_live, TimeProvider.System).CreateAsync())
            path = shadow.DatabasePath;

        await using var reopened = SqliteProjectionStore.Open(new SqliteStoreOptions { DataDirectory = _live.DataDirectory, FileName = Path.GetFileName(path) });

        Assert.Equal(QueryIndexes.Append("facts_by_event_id").Order(StringComparer.Ordinal), FactIndexes(path));
    }

    [Fact]
    public void Building_the_deferred_indexes_gives_the_writer_its_cache_and_temporary_storage_back()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_live.DataDirectory, "build.db"), Pooling = false }.ToString());
        connection.Open();
        SqliteSchema.Migrate(connection);
        Pragma(connection, "temp_store = MEMORY");
        Pragma(connection, "cache_size = -65536");
        SqliteSchema.DeferIndexes(connection);

        SqliteSchema.BuildDeferredIndexes(connection);

        Assert.Equal(QueryIndexes.Append("facts_by_event_id").Order(StringComparer.Ordinal), FactIndexes(connection.DataSource));
        Assert.Equal(-65536L, Pragma(connection, "cache_size"));
        Assert.Equal(2L, Pragma(connection, "temp_store"));
    }

    public void Dispose() => Directory.Delete(_live.DataDirectory, recursive: true);

    private static object? Pragma(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma}";
        return command.ExecuteScalar();
    }

    private static List<string> FactIndexes(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'facts' ORDER BY name";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
            names.Add(reader.GetString(0));
        return names;
    }
}
