using Factline.Storage.Sql;
using Npgsql;

namespace Factline.Storage.Postgres;

/// <summary>Statements as batch commands, their values bound as parameters (text made storable, null as NULL).</summary>
internal static class PostgresCommands
{
    /// <summary>A statement built with <see cref="SqlParameters"/> (@p0, @p1, ...).</summary>
    public static NpgsqlBatchCommand Named(string sql, SqlParameters parameters) => Named(sql, [.. parameters.Values]);

    /// <summary>A statement whose placeholders are @p0, @p1, ... for <paramref name="values"/>, in order.</summary>
    public static NpgsqlBatchCommand Named(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        for (var i = 0; i < values.Length; i++)
            command.Parameters.Add(new NpgsqlParameter(SqlParameters.NameOf(i), PostgresText.Parameter(values[i])));
        return command;
    }

    /// <summary>A statement with positional placeholders ($1, $2, ...) for <paramref name="values"/>.</summary>
    public static NpgsqlBatchCommand Positional(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = PostgresText.Parameter(value) });
        return command;
    }
}
