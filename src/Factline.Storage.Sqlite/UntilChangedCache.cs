namespace Factline.Storage.Sqlite;

/// <summary>
/// One value read through a <see cref="ReadSession"/>, kept until the database changes. SQLite's
/// data_version tells a connection whether any other connection, in this process or another, has committed
/// since it last asked; it is asked first, so a kept value is never older than the version it is kept for.
/// </summary>
/// <remarks>Every query response reads the bookmarks (its evidence); between batches they are read once per session instead.</remarks>
internal sealed class UntilChangedCache<T>(ReadSession session) where T : class
{
    private long _version;
    private T? _value;

    public T Get(Func<ReadSession, T> read)
    {
        var version = session.DataVersion();
        if (_value is null || version != _version)
        {
            _value = read(session);
            _version = version;
        }
        return _value;
    }
}
