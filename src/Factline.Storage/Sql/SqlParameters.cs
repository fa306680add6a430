namespace Factline.Storage.Sql;

/// <summary>
/// Positional parameters (@p0, @p1, ...) collected while SQL text is built. Each store binds the
/// values to its own command type.
/// </summary>
public sealed class SqlParameters
{
    private readonly List<object> _values = [];

    public IReadOnlyList<object> Values => _values;

    /// <summary>The placeholder of the value at <paramref name="index"/>.</summary>
    public static string NameOf(int index) => $"@p{index}";

    /// <summary>Adds a value and returns the placeholder to put in the SQL text.</summary>
    public string Add(object value)
    {
        _values.Add(value);
        return NameOf(_values.Count - 1);
    }
}
