using Factline.Storage.Postgres;
using Factline.Tests.Infrastructure;
using Npgsql;

namespace Factline.Tests.Storage.Postgres;

/// <summary>
/// The writer encodes its COPY rows itself in PostgreSQL's binary format and sends them as they are encoded: the
/// server must read back every value exactly as given, for every column type the store writes, NULLs included, and
/// store a copy's rows all together or not at all.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class BinaryCopyTests(PostgresFixture postgres)
{
    private const string CreateTable = "CREATE TEMP TABLE copied (id integer PRIMARY KEY, label text, big bigint, raw bytea)";
    private const string CopyCommand = "COPY {0} (id, label, big, raw) FROM STDIN (FORMAT BINARY)";

    [Fact]
    public async Task Every_value_reads_back_as_it_was_given()
    {
        (int Id, string? Label, long? Big, byte[] Raw)[] rows =
        [
            (int.MinValue, null, null, []),
            (0, "", 0, [0]),
            (int.MaxValue, "plain ASCII", long.MaxValue, [1, 2, 3]),
            (-7, "non-ASCII: é ✓ 𝄞", long.MinValue, [0xFF, 0x00, 0xFE]),
            (42, new string('x', 70_000), -1, [.. Enumerable.Range(0, 100_000).Select(i => (byte)i)]),
        ];
        await using var connection = await OpenAsync();
        using var copy = new BinaryCopyRows(expectedBytes: 16); // grows several times

        foreach (var (id, label, big, raw) in rows)
            Write(copy, id, label, big, raw);
        await CopyAsync(connection, "copied", copy);

        var read = await ReadAsync(connection, "copied");
        Assert.Equal(rows.Length, read.Count);
        foreach (var row in rows)
        {
            var stored = read[row.Id];
            Assert.Equal(row.Label, stored.Label);
            Assert.Equal(row.Big, stored.Big);
            Assert.Equal(row.Raw, stored.Raw);
        }
    }

    [Fact]
    public async Task Text_with_nul_characters_is_stored_as_postgresql_text_can_hold_it()
    {
        await using var connection = await OpenAsync();
        using var copy = new BinaryCopyRows();

        Write(copy, 1, "a\u0000b", 1, [1]);
        await CopyAsync(connection, "copied", copy);

        Assert.Equal(PostgresText.Storable("a\u0000b"), (await ReadAsync(connection, "copied"))[1].Label);
    }

    [Fact]
    public async Task A_refused_copy_stores_no_row_and_the_same_rows_can_be_copied_elsewhere()
    {
        await using var connection = await OpenAsync();
        await using (var existing = new NpgsqlCommand("INSERT INTO copied (id) VALUES (2)", connection))
            await existing.ExecuteNonQueryAsync();
        using var copy = new BinaryCopyRows();
        Write(copy, 1, "one", 1, [1]);
        Write(copy, 2, "two", 2, [2]);
        Write(copy, 3, "three", 3, [3]);

        await using var transaction = await connection.BeginTransactionAsync();
        await using (var savepoint = new NpgsqlCommand("SAVEPOINT before_copy", connection))
            await savepoint.ExecuteNonQueryAsync();
        var refused = await Assert.ThrowsAsync<PostgresException>(() => CopyAsync(connection, "copied", copy));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, refused.SqlState);
        await using (var rollback = new NpgsqlCommand("ROLLBACK TO SAVEPOINT before_copy; CREATE TEMP TABLE staged (LIKE copied)", connection))
            await rollback.ExecuteNonQueryAsync();
        await CopyAsync(connection, "staged", copy);
        await transaction.CommitAsync();

        Assert.Equal([2], (await ReadAsync(connection, "copied")).Keys);
        Assert.Equal(["one", "two", "three"], (await ReadAsync(connection, "staged")).Values.Select(row => row.Label));
    }

    [Fact]
    public async Task No_row_can_be_added_once_the_rows_were_copied()
    {
        await using var connection = await OpenAsync();
        using var copy = new BinaryCopyRows();
        Write(copy, 1, "one", 1, [1]);
        await CopyAsync(connection, "copied", copy);

        Assert.Throws<InvalidOperationException>(() => copy.StartRow(4));
    }

    [Fact]
    public async Task Rows_sent_as_they_are_encoded_are_all_stored_once_the_copy_completes()
    {
        await using var connection = await OpenAsync();
        using var rows = new BinaryCopyRows();

        await using (var copy = await BinaryCopy.StartAsync(connection, string.Format(CopyCommand, "copied"), rows, CancellationToken.None))
        {
            for (var id = 1; id <= 3_000; id++)
            {
                Write(rows, id, $"row {id}", id, [(byte)id]);
                if (id % 1_000 == 0)
                    await copy.SendAsync(CancellationToken.None);
            }
            await copy.SendAsync(CancellationToken.None); // nothing new: sends nothing
            await copy.CompleteAsync(CancellationToken.None);
        }

        var stored = await ReadAsync(connection, "copied");
        Assert.Equal(Enumerable.Range(1, 3_000), stored.Keys);
        Assert.Equal("row 2999", stored[2_999].Label);
    }

    [Fact]
    public async Task A_copy_given_up_before_it_completes_stores_nothing_and_leaves_the_connection_usable()
    {
        await using var connection = await OpenAsync();
        using var rows = new BinaryCopyRows();
        Write(rows, 1, "one", 1, [1]);

        await using (var copy = await BinaryCopy.StartAsync(connection, string.Format(CopyCommand, "copied"), rows, CancellationToken.None))
            await copy.SendAsync(CancellationToken.None);

        Assert.Empty(await ReadAsync(connection, "copied"));
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string table, BinaryCopyRows rows)
    {
        await using var copy = await BinaryCopy.StartAsync(connection, string.Format(CopyCommand, table), rows, CancellationToken.None);
        await copy.CompleteAsync(CancellationToken.None);
    }

    private static void Write(BinaryCopyRows copy, int id, string? label, long? big, byte[] raw)
    {
        copy.StartRow(4);
        copy.Integer(id);
        copy.Text(label);
        copy.Bigint(big);
        copy.Bytea(raw);
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand(CreateTable, connection);
        await create.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task<SortedDictionary<int, (string? Label, long? Big, byte[]? Raw)>> ReadAsync(NpgsqlConnection connection, string table)
    {
        var rows = new SortedDictionary<int, (string?, long?, byte[]?)>();
        await using var select = new NpgsqlCommand($"SELECT id, label, big, raw FROM {table}", connection);
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows[reader.GetInt32(0)] = (
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetInt64(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<byte[]>(3));
        return rows;
    }
}
