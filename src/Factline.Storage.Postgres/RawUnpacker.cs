using System.Collections.Concurrent;
using Npgsql;
using ZstdSharp;

namespace Factline.Storage.Postgres;

/// <summary>
/// Gives back the record value as read from a stored raw value: a value stored as it came is returned as it is;
/// a packed one (see <see cref="RawPacker"/>) is decompressed with the dictionary its frame names, loaded from
/// raw_dictionaries once per process.
/// </summary>
internal sealed class RawUnpacker(NpgsqlDataSource dataSource) : IDisposable
{
    private const string SelectSql = "SELECT dictionary FROM raw_dictionaries WHERE id = $1";

    private readonly ConcurrentDictionary<uint, SharedDecompressor> _decompressors = new();

    /// <exception cref="InvalidDataException">The value is a damaged frame, or names a dictionary the projection does not hold.</exception>
    public async ValueTask<byte[]> UnpackAsync(byte[] stored, CancellationToken cancellationToken)
    {
        if (!ZstdFormat.IsFrame(stored))
            return stored;
        var id = ZstdFormat.DictionaryIdOf(stored);
        if (!_decompressors.TryGetValue(id, out var decompressor))
        {
            var loaded = new SharedDecompressor(await LoadAsync(id, cancellationToken));
            decompressor = _decompressors.GetOrAdd(id, loaded);
            if (decompressor != loaded)
                loaded.Dispose();
        }
        return decompressor.Decompress(stored);
    }

    public void Dispose()
    {
        foreach (var decompressor in _decompressors.Values)
            decompressor.Dispose();
    }

    private async Task<byte[]> LoadAsync(uint id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectSql);
        command.Parameters.Add(new NpgsqlParameter { Value = (int)id });
        return await command.ExecuteScalarAsync(cancellationToken) as byte[]
            ?? throw new InvalidDataException($"a stored fact was packed with zstd dictionary {id}, which the projection does not hold; rebuild the projection");
    }

    /// <summary>One decompressor per dictionary, for all readers: a value takes about a microsecond, so they take turns.</summary>
    private sealed class SharedDecompressor : IDisposable
    {
        private readonly Lock _gate = new();
        private readonly Decompressor _decompressor = new();

        public SharedDecompressor(byte[] dictionary) => _decompressor.LoadDictionary(dictionary);

        public byte[] Decompress(byte[] frame)
        {
            lock (_gate)
            {
                try
                {
                    var size = Decompressor.GetDecompressedSize(frame);
                    if (size > (ulong)Array.MaxLength)
                        throw new InvalidDataException("a stored zstd frame does not state a usable size");
                    var value = new byte[size];
                    if (_decompressor.Unwrap(frame, value) != value.Length)
                        throw new InvalidDataException("a stored zstd frame holds fewer bytes than it states");
                    return value;
                }
                catch (ZstdException e)
                {
                    throw new InvalidDataException($"a stored zstd frame does not decompress ({e.Message}); rebuild the projection", e);
                }
            }
        }

        public void Dispose()
        {
            lock (_gate)
                _decompressor.Dispose();
        }
    }
}
