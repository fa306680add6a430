using System.Collections.Concurrent;

namespace Factline.Storage.Sqlite;

/// <summary>Read sessions for concurrent queries: taken for one call, then returned for the next.</summary>
internal sealed class ReadSessionPool(string connectionString) : IDisposable
{
    private static readonly int MaxIdle = Environment.ProcessorCount * 4;

    private readonly ConcurrentBag<ReadSession> _idle = [];
    private volatile bool _disposed;

    public T Use<T>(Func<ReadSession, T> read)
    {
        var session = _idle.TryTake(out var idle) ? idle : new ReadSession(connectionString);
        try
        {
            return read(session);
        }
        finally
        {
            Return(session);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var session))
            session.Dispose();
    }

    private void Return(ReadSession session)
    {
        if (_disposed || _idle.Count >= MaxIdle)
        {
            session.Dispose();
            return;
        }
        _idle.Add(session);
        // Disposal may have emptied the pool between the check and the add.
        if (_disposed && _idle.TryTake(out var late))
            late.Dispose();
    }
}
