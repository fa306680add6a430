namespace Factline.Storage.Postgres;

/// <summary>
/// PostgreSQL text cannot hold U+0000, which valid JSON can carry ("\u0000"). Text columns and the
/// parameters compared with them store it as U+FFFD instead, so such a fact is still kept, found and
/// filtered (equal values stay equal) rather than stopping the projector. The record value (raw) keeps
/// the exact bytes, and every returned fact is decoded from it; a quarantine entry's text (key, detail)
/// is read from its columns, so it shows U+FFFD in that place.
/// </summary>
internal static class PostgresText
{
    private const char Nul = '\0';
    private const char Replacement = '\uFFFD';

    public static string Storable(string text) => text.Contains(Nul) ? text.Replace(Nul, Replacement) : text;

    /// <summary>The value as a command parameter: storable text, or database NULL for null.</summary>
    public static object Parameter(object? value) => value switch
    {
        null => DBNull.Value,
        string text => Storable(text),
        _ => value,
    };
}
