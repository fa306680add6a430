using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Factline.Storage.Sqlite;

/// <summary>
/// A statement prepared once on SQLite's C API and run many times. Used for the one statement that
/// runs for every fact: Microsoft.Data.Sqlite's per-execution work (a parameter lookup by name for
/// every value, a data reader per call) costs about a fifth of an insert, and a blob binds without a copy.
/// </summary>
internal sealed class NativeStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    /// <param name="sql">SQL with positional parameters (?), bound by 1-based index.</param>
    public NativeStatement(SqliteConnection connection, string sql)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        Check(raw.sqlite3_prepare_v2(_database, sql, out _statement));
    }

    public void Bind(int index, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value));

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void Bind(int index, long? value) =>
        Check(value is { } number ? raw.sqlite3_bind_int64(_statement, index, number) : raw.sqlite3_bind_null(_statement, index));

    public void Bind(int index, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(_statement, index, value));

    /// <summary>Runs the statement to completion and returns how many rows it changed.</summary>
    public int Execute()
    {
        var result = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (result != raw.SQLITE_DONE)
            throw Error(result);
        return raw.sqlite3_changes(_database);
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
            throw Error(result);
    }

    private SqliteException Error(int result) => new(raw.sqlite3_errmsg(_database).utf8_to_string(), result);
}
