using System.Collections.Concurrent;

namespace Factline.Storage.Sqlite;

/// <summary>
/// Read sessions for concurrent queries: taken for one call, then returned for the next. At most
/// <see cref="MaxSessions"/> exist, and they live as long as the pool: opening a session costs far more
/// than a query (a connection, its schema parsed, its statements prepared), so a burst of callers waits
/// for a session instead of opening and closing extra ones. More sessions would not answer faster anyway:
/// a query is CPU work, and there are only so many cores.
/// </summary>
internal sealed class ReadSessionPool(string connectionString) : IDisposable
{
    public static readonly int MaxSessions = Environment.ProcessorCount * 4;

    private readonly ConcurrentBag<ReadSession> _idle = [];
    private readonly SemaphoreSlim _available = new(MaxSessions, MaxSessions);
    private volatile bool _disposed;

    public async Task<T> UseAsync<T>(Func<ReadSession, T> read, CancellationToken cancellationToken)
    {
        await _available.WaitAsync(cancellationToken);
        try
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
        finally
        {
            _available.Release();
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
        if (_disposed)
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
