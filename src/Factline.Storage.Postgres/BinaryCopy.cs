using Npgsql;

namespace Factline.Storage.Postgres;

/// <summary>
/// A <c>COPY ... FROM STDIN (FORMAT BINARY)</c> in progress, sending the rows of a <see cref="BinaryCopyRows"/> as
/// they are encoded: the server stores the rows sent while the writer encodes the next ones. Disposed before it
/// completes, it is cancelled and stores nothing.
/// </summary>
internal sealed class BinaryCopy : IAsyncDisposable
{
    private readonly BinaryCopyRows _rows;
    private readonly NpgsqlRawCopyStream _stream;
    private int _sent;
    private bool _ended;

    private BinaryCopy(BinaryCopyRows rows, NpgsqlRawCopyStream stream)
    {
        _rows = rows;
        _stream = stream;
    }

    public static async Task<BinaryCopy> StartAsync(NpgsqlConnection connection, string copyCommand, BinaryCopyRows rows, CancellationToken cancellationToken) =>
        new(rows, await connection.BeginRawBinaryCopyAsync(copyCommand, cancellationToken));

    /// <summary>Sends what was encoded since the last send.</summary>
    public async Task SendAsync(CancellationToken cancellationToken)
    {
        var written = _rows.Written;
        if (written.Length == _sent)
            return;
        await _stream.WriteAsync(written[_sent..], cancellationToken);
        _sent = written.Length;
    }

    /// <summary>Completes the rows, sends the rest and ends the copy.</summary>
    /// <exception cref="PostgresException">The table refused a row: none of the copy's rows is stored.</exception>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        _rows.Complete();
        await SendAsync(cancellationToken);
        _ended = true;
        await _stream.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_ended)
            return;
        _ended = true;
        // Ending the copy normally would store the rows sent so far.
        await _stream.CancelAsync();
        await _stream.DisposeAsync();
    }
}
