using Confluent.Kafka;
using Factline.Projection;

namespace Factline.Tests.Projection;

/// <summary>Record values copied into reusable chunks: each value intact, chunks reused only once given back.</summary>
public sealed class ValueArenaTests
{
    private static readonly SerializationContext Context = new(MessageComponentType.Value, "facts");

    [Fact]
    public void Each_value_is_a_copy_of_its_record_that_later_records_leave_alone()
    {
        var arena = new ValueArena();
        var values = Enumerable.Range(0, 2_000).Select(Record).ToList();

        var copies = values.Select(value => arena.Deserialize(value, isNull: false, Context)).ToList();

        Assert.All(values.Zip(copies), pair => Assert.Equal(pair.First, pair.Second.ToArray()));
    }

    [Fact]
    public void The_chunks_taken_hold_every_value_handed_out_since_the_last_take()
    {
        var arena = new ValueArena();
        var values = Enumerable.Range(0, 2_000).Select(i => arena.Deserialize(Record(i), isNull: false, Context)).ToList();

        var chunks = arena.TakeFilled();

        Assert.True(chunks.Length > 1, "2,000 values of ~400 bytes span several chunks");
        Assert.All(values, value => Assert.Contains(chunks, chunk => IsIn(value, chunk)));
        var next = arena.Deserialize(Record(2_000), isNull: false, Context);
        Assert.DoesNotContain(chunks, chunk => IsIn(next, chunk));
    }

    [Fact]
    public void A_returned_chunk_is_reused_and_one_still_held_is_not()
    {
        var arena = new ValueArena();
        arena.Deserialize(Record(0), isNull: false, Context);
        var applied = arena.TakeFilled();
        var held = arena.Deserialize(Record(1), isNull: false, Context);
        var heldChunks = arena.TakeFilled();

        arena.Return(applied);
        var reused = arena.Deserialize(Record(2), isNull: false, Context);

        Assert.True(IsIn(reused, applied[0]));
        Assert.Equal(Record(1), held.ToArray());
        Assert.DoesNotContain(heldChunks, chunk => IsIn(reused, chunk));
    }

    [Fact]
    public void A_value_too_large_to_share_a_chunk_gets_its_own_array()
    {
        var arena = new ValueArena();
        var large = new byte[ValueArena.ChunkBytes];
        Random.Shared.NextBytes(large);

        var copy = arena.Deserialize(large, isNull: false, Context);

        Assert.Equal(large, copy.ToArray());
        Assert.Empty(arena.TakeFilled());
    }

    [Fact]
    public void A_tombstone_and_an_empty_value_are_both_empty()
    {
        var arena = new ValueArena();

        Assert.True(arena.Deserialize(ReadOnlySpan<byte>.Empty, isNull: true, Context).IsEmpty);
        Assert.True(arena.Deserialize(ReadOnlySpan<byte>.Empty, isNull: false, Context).IsEmpty);
    }

    private static byte[] Record(int index) =>
        System.Text.Encoding.UTF8.GetBytes($$"""{"eventId":"E-{{index}}","payload":"{{new string((char)('a' + index % 26), 350 + index % 100)}}"}""");

    private static bool IsIn(ReadOnlyMemory<byte> value, byte[] chunk) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(value, out var segment) && ReferenceEquals(segment.Array, chunk);
}
