using System.Text.RegularExpressions;
using Npgsql;

namespace Factline.Storage.Postgres;

/// <summary>
/// The tables of one projection, as an ordered list of migrations. The schema_version table records
/// which have run, so a later release adds a migration instead of changing an old one. All of it runs
/// in one transaction (PostgreSQL's DDL is transactional) under an advisory lock, so instances that
/// start together against one database migrate it once.
/// </summary>
/// <remarks>
/// Text columns use the "C" collation: values compare and sort by their bytes, as in every other store,
/// whatever the database's locale. Times are UTC ticks (100 ns) like the query model, so a filter on a
/// sub-microsecond producer time means the same here as elsewhere; each fact's own offset stays in raw.
/// Indexes are few on purpose: each costs insert speed. Each serves a query the API answers all the
/// time: eventId lookup (the primary key, also the dedup check), a correlation's timeline (equality on
/// correlation_id delivers the whole sort order, tie-break included), the ingress facts of a messageId
/// (partial: only INGRESS facts carry one), the search by eventType/stage/outcome (through their search group)
/// within a time window, and
/// all facts by producer time (keyset pages without a filter).
/// </remarks>
internal static partial class PostgresSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE facts (
            event_id          text COLLATE "C" PRIMARY KEY,
            correlation_id    text COLLATE "C" NOT NULL,
            message_id        text COLLATE "C",
            record_type       text COLLATE "C" NOT NULL,
            event_type        text COLLATE "C",
            stage             text COLLATE "C" NOT NULL,
            outcome           text COLLATE "C" NOT NULL,
            attempt           integer NOT NULL,
            event_time        bigint  NOT NULL, -- producer clock, UTC ticks
            log_topic         text COLLATE "C" NOT NULL,
            log_partition     integer NOT NULL,
            log_offset        bigint  NOT NULL,
            broker_time       bigint,           -- UTC ticks
            error_code        text COLLATE "C",
            metadata_producer text COLLATE "C",
            metadata_version  text COLLATE "C",
            metadata_spec     text COLLATE "C",
            raw               bytea   NOT NULL  -- the record value as read: the source of every returned fact
        );
        CREATE INDEX facts_timeline ON facts (correlation_id, event_time, log_topic, log_partition, log_offset);
        CREATE INDEX facts_by_message ON facts (message_id) WHERE message_id IS NOT NULL;
        CREATE INDEX facts_search ON facts (event_type, stage, outcome, event_time);

        CREATE TABLE quarantine (
            log_topic        text COLLATE "C" NOT NULL,
            log_partition    integer NOT NULL,
            log_offset       bigint  NOT NULL,
            broker_time      bigint,
            record_key       text COLLATE "C",
            reason           text COLLATE "C" NOT NULL,
            detail           text    NOT NULL,
            raw              bytea   NOT NULL,
            raw_length       integer NOT NULL,
            event_id         text COLLATE "C",
            kept_topic       text COLLATE "C",
            kept_partition   integer,
            kept_offset      bigint,
            kept_broker_time bigint,
            PRIMARY KEY (log_topic, log_partition, log_offset)
        );
        CREATE INDEX quarantine_by_key ON quarantine (record_key) WHERE record_key IS NOT NULL;

        CREATE TABLE bookmarks (
            log_topic        text COLLATE "C" NOT NULL,
            log_partition    integer NOT NULL,
            next_offset      bigint  NOT NULL,
            observed_through bigint,          -- broker time of the newest record read, UTC ticks
            lost_records     bigint  NOT NULL, -- deleted by retention before they were read
            PRIMARY KEY (log_topic, log_partition)
        );

        CREATE TABLE counters (
            name  text COLLATE "C" PRIMARY KEY,
            value bigint NOT NULL
        );
        """,
        // Write fencing: the assignment generation of each partition's writer (see Bookmark.OwnerGeneration).
        "ALTER TABLE bookmarks ADD COLUMN owner_generation bigint NOT NULL DEFAULT 0;",
        // Facts per group (FactGroup): the total of a search by these fields is a sum of a few rows.
        // Facts by producer time: a keyset page without filters reads from the cursor on and sorts only equal
        // times by log position (the position columns would triple the index, which deduplicates equal times).
        """
        CREATE TABLE fact_counts (
            record_type text COLLATE "C" NOT NULL,
            event_type  text COLLATE "C",
            stage       text COLLATE "C" NOT NULL,
            outcome     text COLLATE "C" NOT NULL,
            facts       bigint NOT NULL
        );
        CREATE UNIQUE INDEX fact_counts_by_group ON fact_counts (record_type, event_type, stage, outcome) NULLS NOT DISTINCT;
        INSERT INTO fact_counts (record_type, event_type, stage, outcome, facts)
        SELECT record_type, event_type, stage, outcome, COUNT(*) FROM facts GROUP BY record_type, event_type, stage, outcome;
        CREATE INDEX facts_by_time ON facts (event_time);
        -- What queries read (FactQuerySql), as in the SQLite store; recreate it when facts gains a column.
        CREATE VIEW fact_rows AS SELECT * FROM facts;
        """,
        // Raw values packed with zstd dictionaries (RawPacker); rows stored before stay as they came. A frame
        // names its dictionary by the identifier this sequence gave it (those below 32768 are reserved by RFC 8878).
        """
        CREATE SEQUENCE raw_dictionary_ids AS integer MINVALUE 32768 START 32768;
        CREATE TABLE raw_dictionaries (
            id         integer PRIMARY KEY,
            dictionary bytea   NOT NULL
        );
        """,
        // Searches by eventType, stage and outcome read an index on an integer per combination (search_groups, as in
        // the SQLite store) instead of one on the three texts: comparing those texts was about half of the server's work
        // per inserted fact. Queries select the groups' ids beside the texts (FactQuerySql's bySearchGroup).
        """
        CREATE TABLE search_groups (
            id         integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            event_type text COLLATE "C",
            stage      text COLLATE "C" NOT NULL,
            outcome    text COLLATE "C" NOT NULL
        );
        CREATE UNIQUE INDEX search_groups_by_value ON search_groups (event_type, stage, outcome) NULLS NOT DISTINCT;
        INSERT INTO search_groups (event_type, stage, outcome) SELECT DISTINCT event_type, stage, outcome FROM facts;
        ALTER TABLE facts ADD COLUMN search_group integer;
        UPDATE facts f SET search_group = g.id FROM search_groups g
            WHERE g.event_type IS NOT DISTINCT FROM f.event_type AND g.stage = f.stage AND g.outcome = f.outcome;
        ALTER TABLE facts ALTER COLUMN search_group SET NOT NULL;
        DROP INDEX facts_search;
        CREATE INDEX facts_search ON facts (search_group, event_time);
        DROP VIEW fact_rows;
        CREATE VIEW fact_rows AS SELECT * FROM facts;
        """,
        // Where each partition's newest history gap ends (see Bookmark.UnbrokenFrom). Where an earlier release recorded
        // a gap, where it lies is not known: everything read so far is taken as read before it, the cautious choice.
        """
        ALTER TABLE bookmarks ADD COLUMN unbroken_from bigint NOT NULL DEFAULT 0;
        UPDATE bookmarks SET unbroken_from = next_offset WHERE lost_records > 0;
        """,
        // The newest and oldest record read in each partition (see Bookmark.LastRead and FirstReadOffset), unknown for what an
        // earlier release read (the oldest is taken to be the first offset, the cautious choice: a rebuild asks before it
        // drops what may be history only this store holds); and the facts read there that belong in another partition
        // (MisplacedFacts), counted from now on; and whether its log was replaced under the view (LogReplaced: an earlier
        // release's start finds out again).
        """
        ALTER TABLE bookmarks ADD COLUMN last_read_offset bigint;
        ALTER TABLE bookmarks ADD COLUMN last_read_hash bigint;
        ALTER TABLE bookmarks ADD COLUMN misplaced_facts bigint NOT NULL DEFAULT 0;
        ALTER TABLE bookmarks ADD COLUMN first_read_offset bigint;
        UPDATE bookmarks SET first_read_offset = 0 WHERE next_offset > 0;
        ALTER TABLE bookmarks ADD COLUMN log_replaced boolean NOT NULL DEFAULT FALSE;
        """,
    ];

    public static int LatestVersion => Migrations.Length;

    /// <summary>Refuses a schema name that would need quoting (or could inject SQL); see <see cref="PostgresStoreOptions.Schema"/>.</summary>
    public static void EnsureValidName(string schema)
    {
        if (schema is null || !SchemaName().IsMatch(schema))
            throw new ArgumentException(
                $"'{schema}' is not a usable schema name: use 1 to 63 lower-case letters, digits and underscores, starting with a letter or underscore",
                nameof(schema));
    }

    /// <summary>Creates the schema when missing and brings it up to <see cref="LatestVersion"/>; refuses one written by a newer release.</summary>
    /// <param name="targetVersion">Stops at an earlier version: how tests make a schema as an earlier release left it.</param>
    public static void Migrate(NpgsqlConnection connection, string schema, int targetVersion = int.MaxValue)
    {
        using var transaction = connection.BeginTransaction();
        Execute(connection, "SELECT pg_advisory_xact_lock(hashtext('factline.migrate.' || $1))", schema);
        Execute(connection, $"CREATE SCHEMA IF NOT EXISTS {schema}");
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS schema_version (
                version    integer PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """);
        var version = Convert.ToInt32(Execute(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_version"));
        if (version > LatestVersion)
            throw new NotSupportedException(
                $"schema '{schema}' has version {version}; this release reads up to {LatestVersion}. Rebuild the projection or upgrade Factline.");

        for (; version < Math.Min(targetVersion, LatestVersion); version++)
        {
            Execute(connection, Migrations[version]);
            Execute(connection, "INSERT INTO schema_version (version) VALUES ($1)", version + 1);
        }
        transaction.Commit();
    }

    /// <summary>Runs one statement on an open connection (in its transaction, if any) and returns its first value.</summary>
    internal static object? Execute(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command.ExecuteScalar();
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
