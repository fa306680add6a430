using Npgsql;

namespace Factline.Storage.Postgres;

/// <summary>
/// Which schema holds a projection's live tables. A projection is named by its configured schema, and its
/// tables start there; a rebuild fills a new schema beside it and then points the projection at that one
/// in a single committed row, so every instance (and every restart) moves to the rebuilt view together.
/// The pointers live in a catalog schema of their own, so a replaced schema can be dropped whole.
/// </summary>
internal static class PostgresLiveSchema
{
    public const string Catalog = "factline_catalog";

    private const string SelectSql = $"SELECT live_schema FROM {Catalog}.live_schemas WHERE projection = $1";

    private const string PointSql = $"""
        INSERT INTO {Catalog}.live_schemas (projection, live_schema) VALUES ($1, $2)
        ON CONFLICT (projection) DO UPDATE SET live_schema = excluded.live_schema, promoted_at = now()
        """;

    /// <summary>Creates the catalog when missing; instances starting together create it once.</summary>
    public static void EnsureCatalog(NpgsqlConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        PostgresSchema.Execute(connection, "SELECT pg_advisory_xact_lock(hashtext('factline.catalog'))");
        PostgresSchema.Execute(connection, $"""
            CREATE SCHEMA IF NOT EXISTS {Catalog};
            CREATE TABLE IF NOT EXISTS {Catalog}.live_schemas (
                projection  text COLLATE "C" PRIMARY KEY,
                live_schema text COLLATE "C" NOT NULL,
                promoted_at timestamptz NOT NULL DEFAULT now()
            )
            """);
        transaction.Commit();
    }

    /// <summary>The schema that holds <paramref name="projection"/>'s live tables: the projection's own until a rebuild is promoted.</summary>
    public static async Task<string> ResolveAsync(NpgsqlDataSource dataSource, string projection, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectSql);
        command.Parameters.Add(new NpgsqlParameter { Value = projection });
        return await command.ExecuteScalarAsync(cancellationToken) as string ?? projection;
    }

    /// <summary>Makes <paramref name="schema"/> the live one of <paramref name="projection"/>, durably, in one commit.</summary>
    public static async Task PointAsync(NpgsqlDataSource dataSource, string projection, string schema, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(PointSql);
        command.Parameters.Add(new NpgsqlParameter { Value = projection });
        command.Parameters.Add(new NpgsqlParameter { Value = schema });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
