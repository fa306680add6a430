using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Factline.Storage.Sqlite;

/// <summary>
/// One read-only connection and the statements it has prepared. In WAL mode a reader works on the last
/// committed snapshot and never waits for the writer.
/// </summary>
internal sealed class ReadSession : IDisposable
{
    /// <summary>Distinct query shapes kept prepared; a new shape beyond this starts the cache afresh.</summary>
    private const int MaxPreparedCommands = 64;

    private static readonly SqlParameters NoParameters = new();

    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private UntilChangedCache<IReadOnlyDictionary<PartitionId, Bookmark>>? _bookmarks;

    public ReadSession(string connectionString)
    {
        Connection = new SqliteConnection(connectionString);
        Connection.Open();
        using var pragmas = Connection.CreateCommand();
        // Memory-mapped reads skip a copy per page; the cache keeps hot index pages of a 1M-fact store.
        pragmas.CommandText = "PRAGMA mmap_size = 268435456; PRAGMA cache_size = -16384;";
        pragmas.ExecuteNonQuery();
        // Plans that do not depend on the values bound: without this, SQLite recompiles the query of every
        // call whose parameters changed (a timeline's correlationId), which cost more than running it.
        if (raw.sqlite3_db_config(Connection.Handle, raw.SQLITE_DBCONFIG_ENABLE_QPSG, 1, out _) != raw.SQLITE_OK)
            throw new SqliteException("could not fix query plans to the SQL text (SQLITE_DBCONFIG_ENABLE_QPSG)", raw.SQLITE_ERROR);
    }

    public SqliteConnection Connection { get; }

    /// <summary>Reads the facts of this session's rows.</summary>
    public FactRowReader Facts { get; } = new();

    /// <summary>The bookmarks this session read last, until the database changes.</summary>
    public UntilChangedCache<IReadOnlyDictionary<PartitionId, Bookmark>> Bookmarks => _bookmarks ??= new(this);

    /// <summary>Changes whenever another connection commits (PRAGMA data_version).</summary>
    public long DataVersion() => (long)Command("PRAGMA data_version", NoParameters).ExecuteScalar()!;

    /// <summary>Runs several statements on one snapshot, so a page and its total agree.</summary>
    public T InSnapshot<T>(Func<T> read)
    {
        // BEGIN (deferred) and ROLLBACK as the session's own prepared commands: a SqliteTransaction
        // would compile both statements again on every call.
        Command("BEGIN", NoParameters).ExecuteNonQuery();
        try
        {
            return read();
        }
        finally
        {
            Command("ROLLBACK", NoParameters).ExecuteNonQuery();
        }
    }

    /// <summary>A prepared command for the SQL text, bound to the given parameters.</summary>
    public SqliteCommand Command(string sql, SqlParameters parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            if (_commands.Count >= MaxPreparedCommands)
                ClearCommands();
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }
        Bind(command, parameters);
        return command;
    }

    public void Dispose()
    {
        ClearCommands();
        Connection.Dispose();
    }

    /// <summary>Binds the values to a cached command, re-creating its parameters only when their number changed.</summary>
    private static void Bind(SqliteCommand command, SqlParameters parameters)
    {
        var values = parameters.Values;
        if (command.Parameters.Count != values.Count)
        {
            command.Parameters.Clear();
            for (var i = 0; i < values.Count; i++)
                command.Parameters.Add(new SqliteParameter(SqlParameters.NameOf(i), null));
        }
        for (var i = 0; i < values.Count; i++)
            command.Parameters[i].Value = values[i];
    }

    private void ClearCommands()
    {
        foreach (var command in _commands.Values)
            command.Dispose();
        _commands.Clear();
    }
}
