using Microsoft.Data.Sqlite;

namespace Factline.Storage.Sqlite;

/// <summary>
/// The database layout, as an ordered list of migrations. PRAGMA user_version records how many have
/// run, so a later release adds a migration instead of changing an old one.
/// </summary>
/// <remarks>
/// Indexes are few on purpose: every one costs insert speed and bytes per fact. Each serves a query
/// the API answers all the time: eventId lookup (unique, also the dedup check), a correlation's
/// timeline, the ingress facts of a messageId (partial: only INGRESS facts carry one), the search
/// by eventType/stage/outcome (one integer: see <see cref="SearchGroups"/>) within a time window, and
/// recent facts by time when no filter narrows.
/// </remarks>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE facts (
            id                INTEGER PRIMARY KEY,
            event_id          TEXT    NOT NULL,
            correlation_id    TEXT    NOT NULL,
            message_id        TEXT,
            record_type       TEXT    NOT NULL,
            event_type        TEXT,
            stage             TEXT    NOT NULL,
            outcome           TEXT    NOT NULL,
            attempt           INTEGER NOT NULL,
            event_time        INTEGER NOT NULL, -- producer clock, UTC ticks; its offset stays in raw
            log_topic         TEXT    NOT NULL,
            log_partition     INTEGER NOT NULL,
            log_offset        INTEGER NOT NULL,
            broker_time       INTEGER,          -- UTC ticks
            error_code        TEXT,
            metadata_producer TEXT,
            metadata_version  TEXT,
            metadata_spec     TEXT,
            raw               BLOB    NOT NULL  -- the record value as read: the source of every returned fact
        );
        CREATE UNIQUE INDEX facts_by_event_id ON facts (event_id);
        CREATE INDEX facts_by_correlation ON facts (correlation_id, event_time);
        CREATE INDEX facts_by_message ON facts (message_id) WHERE message_id IS NOT NULL;
        CREATE INDEX facts_by_search ON facts (event_type, stage, outcome, event_time);
        CREATE INDEX facts_by_time ON facts (event_time);

        CREATE TABLE quarantine (
            id               INTEGER PRIMARY KEY,
            log_topic        TEXT    NOT NULL,
            log_partition    INTEGER NOT NULL,
            log_offset       INTEGER NOT NULL,
            broker_time      INTEGER,
            record_key       TEXT,
            reason           TEXT    NOT NULL,
            detail           TEXT    NOT NULL,
            raw              BLOB    NOT NULL,
            raw_length       INTEGER NOT NULL,
            event_id         TEXT,
            kept_topic       TEXT,
            kept_partition   INTEGER,
            kept_offset      INTEGER,
            kept_broker_time INTEGER
        );
        CREATE UNIQUE INDEX quarantine_by_position ON quarantine (log_topic, log_partition, log_offset);
        CREATE INDEX quarantine_by_key ON quarantine (record_key) WHERE record_key IS NOT NULL;

        CREATE TABLE bookmarks (
            log_topic     TEXT    NOT NULL,
            log_partition INTEGER NOT NULL,
            next_offset   INTEGER NOT NULL,
            observed_through INTEGER,        -- broker time of the newest record read, UTC ticks
            lost_records  INTEGER NOT NULL,  -- deleted by retention before they were read
            PRIMARY KEY (log_topic, log_partition)
        ) WITHOUT ROWID;

        CREATE TABLE counters (
            name  TEXT    NOT NULL PRIMARY KEY,
            value INTEGER NOT NULL
        ) WITHOUT ROWID;
        """,
        // Write fencing: the assignment generation of each partition's writer (see Bookmark.OwnerGeneration).
        "ALTER TABLE bookmarks ADD COLUMN owner_generation INTEGER NOT NULL DEFAULT 0;",
        // Facts per group (FactGroup): the total of a search by these fields is a sum of a few rows. A NULL
        // event_type is one group of its own; the writer finds it with IS, which the unique index cannot enforce.
        """
        CREATE TABLE fact_counts (
            record_type TEXT    NOT NULL,
            event_type  TEXT,
            stage       TEXT    NOT NULL,
            outcome     TEXT    NOT NULL,
            facts       INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX fact_counts_by_group ON fact_counts (record_type, event_type, stage, outcome);
        INSERT INTO fact_counts (record_type, event_type, stage, outcome, facts)
        SELECT record_type, event_type, stage, outcome, COUNT(*) FROM facts GROUP BY record_type, event_type, stage, outcome;
        """,
        // Fields no index holds are not stored twice (about 40 bytes per fact): queries read facts through the
        // fact_rows view, which takes them from raw only when a filter or sort asks for them (a generated
        // column would be computed on every insert). json_valid only guards the query: every stored raw value
        // was decoded as JSON before it was stored.
        """
        ALTER TABLE facts DROP COLUMN error_code;
        ALTER TABLE facts DROP COLUMN metadata_producer;
        ALTER TABLE facts DROP COLUMN metadata_version;
        ALTER TABLE facts DROP COLUMN metadata_spec;
        CREATE VIEW fact_rows AS
        SELECT *,
            CASE WHEN json_valid(CAST(raw AS TEXT)) THEN json_extract(CAST(raw AS TEXT), '$.error.code') END        AS error_code,
            CASE WHEN json_valid(CAST(raw AS TEXT)) THEN json_extract(CAST(raw AS TEXT), '$.metadata.producer') END AS metadata_producer,
            CASE WHEN json_valid(CAST(raw AS TEXT)) THEN json_extract(CAST(raw AS TEXT), '$.metadata.version') END  AS metadata_version,
            CASE WHEN json_valid(CAST(raw AS TEXT)) THEN json_extract(CAST(raw AS TEXT), '$.metadata.spec') END     AS metadata_spec
        FROM facts;
        """,
        // The definitions of indexes a rebuild's replay leaves out until it has caught up (see DeferIndexes).
        "CREATE TABLE deferred_indexes (name TEXT NOT NULL PRIMARY KEY, sql TEXT NOT NULL) WITHOUT ROWID;",
        // The search index holds an integer per (eventType, stage, outcome) instead of the three texts (see
        // SearchGroups): cheaper to insert into, and the facts table is ~40 bytes per fact smaller. The view joins
        // the texts back; SQLite leaves the join out of queries that do not ask for them (timelines, lookups).
        """
        CREATE TABLE search_groups (
            id         INTEGER PRIMARY KEY,
            event_type TEXT,
            stage      TEXT    NOT NULL,
            outcome    TEXT    NOT NULL
        );
        CREATE UNIQUE INDEX search_groups_by_value ON search_groups (event_type, stage, outcome);
        INSERT INTO search_groups (event_type, stage, outcome) SELECT DISTINCT event_type, stage, outcome FROM facts;
        ALTER TABLE facts ADD COLUMN search_group INTEGER NOT NULL DEFAULT 0;
        UPDATE facts SET search_group = (SELECT g.id FROM search_groups g
            WHERE g.event_type IS facts.event_type AND g.stage = facts.stage AND g.outcome = facts.outcome);
        DROP VIEW fact_rows;
        DROP INDEX IF EXISTS facts_by_search;
        ALTER TABLE facts DROP COLUMN event_type;
        ALTER TABLE facts DROP COLUMN stage;
        ALTER TABLE facts DROP COLUMN outcome;
        CREATE INDEX facts_by_search ON facts (search_group, event_time);
        DELETE FROM deferred_indexes WHERE name = 'facts_by_search';
        CREATE VIEW fact_rows AS
        SELECT f.*, g.event_type, g.stage, g.outcome,
            CASE WHEN json_valid(CAST(f.raw AS TEXT)) THEN json_extract(CAST(f.raw AS TEXT), '$.error.code') END        AS error_code,
            CASE WHEN json_valid(CAST(f.raw AS TEXT)) THEN json_extract(CAST(f.raw AS TEXT), '$.metadata.producer') END AS metadata_producer,
            CASE WHEN json_valid(CAST(f.raw AS TEXT)) THEN json_extract(CAST(f.raw AS TEXT), '$.metadata.version') END  AS metadata_version,
            CASE WHEN json_valid(CAST(f.raw AS TEXT)) THEN json_extract(CAST(f.raw AS TEXT), '$.metadata.spec') END     AS metadata_spec
        FROM facts f LEFT JOIN search_groups g ON g.id = f.search_group;
        """,
        // Where each partition's newest history gap ends (see Bookmark.UnbrokenFrom). Where an earlier release recorded
        // a gap, where it lies is not known: everything read so far is taken as read before it, the cautious choice.
        """
        ALTER TABLE bookmarks ADD COLUMN unbroken_from INTEGER NOT NULL DEFAULT 0;
        UPDATE bookmarks SET unbroken_from = next_offset WHERE lost_records > 0;
        """,
        // The newest and oldest record read in each partition (see Bookmark.LastRead and FirstReadOffset), unknown for what an
        // earlier release read (the oldest is taken to be the first offset, the cautious choice: a rebuild asks before it
        // drops what may be history only this store holds); and the facts read there that belong in another partition
        // (MisplacedFacts), counted from now on; and whether its log was replaced under the view (LogReplaced: an earlier
        // release's start finds out again).
        """
        ALTER TABLE bookmarks ADD COLUMN last_read_offset INTEGER;
        ALTER TABLE bookmarks ADD COLUMN last_read_hash INTEGER;
        ALTER TABLE bookmarks ADD COLUMN misplaced_facts INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE bookmarks ADD COLUMN first_read_offset INTEGER;
        UPDATE bookmarks SET first_read_offset = 0 WHERE next_offset > 0;
        ALTER TABLE bookmarks ADD COLUMN log_replaced INTEGER NOT NULL DEFAULT 0;
        """,
    ];

    /// <summary>
    /// The indexes of the facts table that only queries need. The eventId index stays: it is the dedup check
    /// of every insert.
    /// </summary>
    private static readonly string[] QueryIndexes = ["facts_by_correlation", "facts_by_message", "facts_by_search", "facts_by_time"];

    /// <summary>The page cache, and so the sort runs, while building deferred indexes: 2 MiB (negative: KiB).</summary>
    private const int IndexBuildCacheSize = -2048;

    public static int LatestVersion => Migrations.Length;

    /// <summary>Brings the database up to <see cref="LatestVersion"/>; refuses a file written by a newer release.</summary>
    public static void Migrate(SqliteConnection connection) => Migrate(connection, LatestVersion);

    /// <summary>Brings the database up to <paramref name="targetVersion"/>: tests make files of an earlier release with it.</summary>
    internal static void Migrate(SqliteConnection connection, int targetVersion)
    {
        var version = Convert.ToInt32(Execute(connection, "PRAGMA user_version", scalar: true));
        if (version > LatestVersion)
            throw new NotSupportedException(
                $"{connection.DataSource} has schema version {version}; this release reads up to {LatestVersion}. Rebuild the projection or upgrade Factline.");

        for (; version < targetVersion; version++)
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, Migrations[version]);
            Execute(connection, $"PRAGMA user_version = {version + 1}");
            transaction.Commit();
        }
    }

    /// <summary>
    /// Drops the query indexes of a database nobody queries yet, keeping their definitions: a replay into
    /// it then maintains one index per fact instead of five, and <see cref="BuildDeferredIndexes"/> builds
    /// the others afterwards in one sorted pass each, which is cheaper than keeping them up to date row by row.
    /// </summary>
    public static void DeferIndexes(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        var names = string.Join(", ", QueryIndexes.Select(name => $"'{name}'"));
        Execute(connection, $"INSERT OR IGNORE INTO deferred_indexes (name, sql) SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN ({names})");
        foreach (var name in QueryIndexes)
            Execute(connection, $"DROP INDEX IF EXISTS {name}");
        transaction.Commit();
    }

    /// <summary>
    /// Builds every index <see cref="DeferIndexes"/> left out, in one transaction; nothing to do when none was.
    /// The sorts spill to temporary files, not memory: at 10M facts an in-memory sort held over 1 GiB. SQLite
    /// sorts in runs as large as the page cache and merges them; runs of 2 MiB instead of the writer's 64 MiB
    /// stay in the CPU's caches (1M facts: 1.8 instead of 2.3 s, 8 instead of 117 MB of memory). The
    /// connection's own settings come back afterwards.
    /// </summary>
    public static void BuildDeferredIndexes(SqliteConnection connection)
    {
        var tempStore = Execute(connection, "PRAGMA temp_store", scalar: true);
        var cacheSize = Execute(connection, "PRAGMA cache_size", scalar: true);
        Execute(connection, $"PRAGMA temp_store = FILE; PRAGMA cache_size = {IndexBuildCacheSize}");
        try
        {
            BuildDeferredIndexesInOneTransaction(connection);
        }
        finally
        {
            Execute(connection, $"PRAGMA temp_store = {tempStore}; PRAGMA cache_size = {cacheSize}");
        }
    }

    private static void BuildDeferredIndexesInOneTransaction(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        var deferred = new List<string>();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT sql FROM deferred_indexes";
            using var reader = select.ExecuteReader();
            while (reader.Read())
                deferred.Add(reader.GetString(0));
        }
        foreach (var sql in deferred)
            Execute(connection, sql);
        Execute(connection, "DELETE FROM deferred_indexes");
        transaction.Commit();
    }

    private static object? Execute(SqliteConnection connection, string sql, bool scalar = false)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return scalar ? command.ExecuteScalar() : command.ExecuteNonQuery();
    }
}
