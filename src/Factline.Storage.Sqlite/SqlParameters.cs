using Microsoft.Data.Sqlite;

namespace Factline.Storage.Sqlite;

/// <summary>Positional parameters (@p0, @p1, ...) collected while SQL text is built.</summary>
internal sealed class SqlParameters
{
    private readonly List<object> _values = [];

    public IReadOnlyList<object> Values => _values;

    /// <summary>Adds a value and returns the placeholder to put in the SQL text.</summary>
    public string Add(object value)
    {
        _values.Add(value);
        return $"@p{_values.Count - 1}";
    }

    /// <summary>Binds the values to a command whose text was built with this collection.</summary>
    public void BindTo(SqliteCommand command)
    {
        if (command.Parameters.Count != _values.Count)
        {
            command.Parameters.Clear();
            for (var i = 0; i < _values.Count; i++)
                command.Parameters.Add(new SqliteParameter($"@p{i}", null));
        }
        for (var i = 0; i < _values.Count; i++)
            command.Parameters[i].Value = _values[i];
    }
}
