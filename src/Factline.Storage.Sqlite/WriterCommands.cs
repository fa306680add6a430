using Microsoft.Data.Sqlite;

namespace Factline.Storage.Sqlite;

/// <summary>The writer's statements: made once with positional parameters @p0, @p1, ..., and given new values for every run.</summary>
internal static class WriterCommands
{
    public static SqliteCommand Prepare(SqliteConnection connection, string sql, int parameterCount)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameterCount; i++)
            command.Parameters.Add(new SqliteParameter($"@p{i}", null));
        return command;
    }

    /// <summary>Sets the parameters in order; null becomes SQL NULL.</summary>
    public static SqliteCommand Bind(this SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        return command;
    }
}
