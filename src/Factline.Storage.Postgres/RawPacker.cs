using Npgsql;
using ZstdSharp;

namespace Factline.Storage.Postgres;

/// <summary>
/// Packs the raw values a writer stores, each into a zstd frame compressed with a dictionary trained on the
/// projection's first facts. Facts of one log share most of their bytes (field names, enumerations, identifier
/// prefixes, payload shapes), which a value of a few hundred bytes cannot exploit alone: PostgreSQL compresses
/// nothing under ~2 KB, and zstd without a dictionary saves a quarter; with one, the simulator's ~410-byte facts
/// keep ~78 bytes, for ~1 µs of writer CPU per fact.
/// </summary>
/// <remarks>
/// Until a dictionary exists, values are stored as they came and the first <see cref="Samples"/> of them are
/// kept to train one. A trained dictionary takes its identifier from a sequence, so writers of one projection
/// never name two dictionaries alike, and its row goes into the transaction of the first batch that uses it
/// (and of every later batch until one commits): no stored frame names a dictionary that is not stored.
/// A writer that starts on a projection that has dictionaries uses the newest one.
/// </remarks>
internal sealed class RawPacker : IDisposable
{
    private const int Samples = 1000;
    private const int DictionaryBytes = 16 * 1024;

    // zstd's fastest positive level: 0.3 to 0.7 µs of the writer's CPU per fact less than the default level 3 (alone,
    // 1.2 → 1.05 µs per value), CPU the consumer shares, for 2 to 5 bytes more per stored fact (bench/RESULTS.md).
    private const int Level = 1;

    private const string NewestSql = "SELECT id, dictionary FROM raw_dictionaries ORDER BY id DESC LIMIT 1";
    private const string NextIdSql = "SELECT nextval('raw_dictionary_ids')::integer";
    private const string InsertSql = "INSERT INTO raw_dictionaries (id, dictionary) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<byte[]> _samples = [];
    private byte[] _scratch = [];
    private bool _lookedForStored;
    private bool _untrainable;
    private Compressor? _compressor;
    private TrainedDictionary? _uncommitted;

    /// <summary>
    /// Readies the packing of a batch of <paramref name="facts"/>: finds or trains the dictionary and writes its row in
    /// the batch's transaction while it is not known to be committed. Database work happens here only, so the values
    /// can then be packed while the connection is busy copying them.
    /// </summary>
    /// <returns>The batch's packing: holds this packer until disposed.</returns>
    public async Task<BatchPacking> BeginAsync(NpgsqlConnection connection, IReadOnlyList<ProjectedFact> facts, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_lookedForStored)
                await UseNewestStoredAsync(connection, cancellationToken);
            if (_compressor is null && !_untrainable)
                await TrainAsync(connection, facts, cancellationToken);

            var wrote = _uncommitted;
            if (wrote is not null)
            {
                await using var insert = new NpgsqlCommand(InsertSql, connection)
                {
                    Parameters = { new NpgsqlParameter { Value = wrote.Id }, new NpgsqlParameter { Value = wrote.Bytes } },
                };
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            return new BatchPacking(this, wrote);
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    /// <summary>The batch that wrote <paramref name="dictionary"/>'s row has committed: later batches need not write it again.</summary>
    public void Committed(TrainedDictionary? dictionary)
    {
        if (dictionary is not null)
            Interlocked.CompareExchange(ref _uncommitted, null, dictionary);
    }

    public void Dispose()
    {
        _compressor?.Dispose();
        _gate.Dispose();
    }

    private async Task UseNewestStoredAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(NewestSql, connection);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
                _compressor = CompressorFor(reader.GetFieldValue<byte[]>(1));
        }
        _lookedForStored = true;
    }

    private async Task TrainAsync(NpgsqlConnection connection, IReadOnlyList<ProjectedFact> facts, CancellationToken cancellationToken)
    {
        foreach (var fact in facts.Take(Samples - _samples.Count))
            _samples.Add(fact.Raw.ToArray());
        if (_samples.Count < Samples)
            return;
        byte[] trained;
        try
        {
            trained = DictBuilder.TrainFromBuffer(_samples, DictionaryBytes);
        }
        catch (ZstdException)
        {
            // Values too alike or too few bytes to learn from: they are stored as they come.
            _untrainable = true;
            return;
        }
        finally
        {
            _samples.Clear();
        }
        await using var nextId = new NpgsqlCommand(NextIdSql, connection);
        var id = (int)(await nextId.ExecuteScalarAsync(cancellationToken))!;
        var dictionary = ZstdFormat.WithDictionaryId(trained, id);
        _compressor = CompressorFor(dictionary);
        _uncommitted = new TrainedDictionary(id, dictionary);
    }

    /// <summary>The value packed (valid until the next call), or as it came when packing would not make it smaller.</summary>
    private ReadOnlySpan<byte> Pack(ReadOnlySpan<byte> value)
    {
        if (_compressor is not { } compressor)
            return value;
        var bound = Compressor.GetCompressBound(value.Length);
        if (_scratch.Length < bound)
            _scratch = new byte[bound];
        var length = compressor.Wrap(value, _scratch);
        return length < value.Length ? _scratch.AsSpan(0, length) : value;
    }

    private static Compressor CompressorFor(byte[] dictionary)
    {
        var compressor = new Compressor(Level);
        compressor.LoadDictionary(dictionary);
        return compressor;
    }

    /// <summary>A dictionary this writer trained, with the identifier its frames name.</summary>
    internal sealed record TrainedDictionary(int Id, byte[] Bytes);

    /// <summary>One batch's use of the packer, which no other batch shares until it is disposed.</summary>
    internal sealed class BatchPacking(RawPacker packer, TrainedDictionary? wroteDictionary) : IDisposable
    {
        private bool _disposed;

        /// <summary>The dictionary whose row this batch wrote (pass it to <see cref="Committed"/>), if any.</summary>
        public TrainedDictionary? WroteDictionary => wroteDictionary;

        /// <inheritdoc cref="RawPacker.Pack"/>
        public ReadOnlySpan<byte> Pack(ReadOnlySpan<byte> value)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return packer.Pack(value);
        }

        public void Dispose()
        {
            if (_disposed)
                return;
            _disposed = true;
            packer._gate.Release();
        }
    }
}
