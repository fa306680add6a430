using System.Text;

namespace Factline.Storage.Sqlite;

/// <summary>
/// Which database file under the data directory is the live projection. A rebuild writes a new file and
/// then names it in a small pointer file beside the default one (<c>factline.db.live</c>). The pointer is
/// replaced by one atomic rename, so a crash leaves the old name or the new one, never half of either.
/// Without a pointer, the live file is <see cref="SqliteStoreOptions.FileName"/>.
/// </summary>
internal static class SqliteLiveFile
{
    public static string PointerPath(SqliteStoreOptions options) => options.DatabasePath + ".live";

    /// <summary>The full path of the live database file.</summary>
    /// <exception cref="InvalidDataException">The pointer names something other than a file in the data directory.</exception>
    public static string Resolve(SqliteStoreOptions options)
    {
        var pointer = PointerPath(options);
        if (!File.Exists(pointer))
            return options.DatabasePath;
        var name = File.ReadAllText(pointer, Encoding.UTF8).Trim();
        if (name.Length == 0 || name != Path.GetFileName(name))
            throw new InvalidDataException($"{pointer} must name a database file in its own directory, not '{name}'.");
        return Path.Combine(Path.GetDirectoryName(options.DatabasePath)!, name);
    }

    /// <summary>Makes <paramref name="databasePath"/> (a file in the data directory) the live one, durably.</summary>
    public static void Point(SqliteStoreOptions options, string databasePath)
    {
        var pointer = PointerPath(options);
        var written = pointer + ".tmp";
        using (var file = new FileStream(written, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(Encoding.UTF8.GetBytes(Path.GetFileName(databasePath)));
            file.Flush(flushToDisk: true);
        }
        File.Move(written, pointer, overwrite: true);
    }
}
