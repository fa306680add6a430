using Factline.Projection.Rebuild;
using Factline.Storage;
using Factline.Storage.Memory;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.Rebuild;

public sealed class SwappableProjectionStoreTests
{
    [Fact]
    public async Task After_a_swap_new_calls_read_and_write_the_replacement()
    {
        var old = await StoreWithAsync("old-1");
        var replacement = await StoreWithAsync("new-1", "new-2");
        await using var live = new SwappableProjectionStore(old);

        var replaced = await live.ReplaceAsync(replacement);
        await live.ApplyAsync(Batch("new-3", offset: 2));

        Assert.Same(old, replaced);
        Assert.Same(replacement, live.Current);
        Assert.Equal(3, (await live.ReadCountersAsync()).Facts);
        Assert.Null(await live.FindAsync("old-1"));
        Assert.Equal(1, (await old.ReadCountersAsync()).Facts);
    }

    [Fact]
    public async Task A_pinned_flow_keeps_reading_its_store_and_the_replaced_store_is_handed_back_only_after_the_pin()
    {
        var old = await StoreWithAsync("old-1");
        var replacement = await StoreWithAsync("new-1", "new-2");
        await using var live = new SwappableProjectionStore(old);

        Task<IProjectionStore> replaced;
        using (live.Pin())
        {
            replaced = live.ReplaceAsync(replacement);
            Assert.NotNull(await live.FindAsync("old-1"));
            Assert.Equal(1, (await live.ReadCountersAsync()).Facts);
            Task<long> unpinned;
            using (ExecutionContext.SuppressFlow()) // another flow, without the pin, already sees the replacement
                unpinned = Task.Run(async () => (await live.ReadCountersAsync()).Facts);
            Assert.Equal(2, await unpinned);
            Assert.False(replaced.IsCompleted);
        }

        Assert.Same(old, await replaced);
        Assert.Equal(2, (await live.ReadCountersAsync()).Facts);
    }

    [Fact]
    public async Task A_task_started_inside_a_pin_falls_back_to_the_live_store_once_the_pin_is_let_go()
    {
        await using var live = new SwappableProjectionStore(await StoreWithAsync("old-1"));
        var go = new TaskCompletionSource();
        Task<long> late;
        using (live.Pin())
            late = Task.Run(async () => // inherits the pin with the execution context
            {
                await go.Task;
                return (await live.ReadCountersAsync()).Facts;
            });

        await live.ReplaceAsync(await StoreWithAsync("new-1", "new-2"));
        go.SetResult();

        Assert.Equal(2, await late);
    }

    private static async Task<IProjectionStore> StoreWithAsync(params string[] eventIds)
    {
        var store = new MemoryProjectionStore();
        for (var i = 0; i < eventIds.Length; i++)
            await store.ApplyAsync(Batch(eventIds[i], i));
        return store;
    }

    private static ProjectionBatch Batch(string eventId, long offset)
    {
        var fact = SampleFacts.Execution("PO-SWAP-1") with { EventId = eventId };
        var position = new LogPosition("swap", 0, offset, SampleFacts.Time);
        return new ProjectionBatch([new ProjectedFact(fact, position, Factline.Envelope.FactCodec.Encode(fact))], [], [new Bookmark(position.PartitionId, offset + 1)]);
    }
}
