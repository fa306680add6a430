using Factline.Storage;
using Factline.Storage.Queries;

namespace Factline.Tests.Storage.Contract;

/// <summary>Readers running while the writer applies batches.</summary>
public abstract partial class ProjectionStoreContract
{
    private const int ConcurrentBatches = 60;
    private const int FactsPerBatch = 25;

    [Fact]
    public async Task Readers_running_during_writes_always_see_whole_batches()
    {
        var store = await NewStoreAsync();
        using var writing = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() => ReadUntilDoneAsync(store, writing.Token))).ToArray();

        for (var batch = 0; batch < ConcurrentBatches; batch++)
            await store.ApplyAsync(NumberedBatch(batch));
        await writing.CancelAsync();

        await Task.WhenAll(readers);
        Assert.Equal(ConcurrentBatches * FactsPerBatch, (await store.QueryAsync(new FactQuery { Limit = 0 })).Total);
    }

    /// <summary>
    /// Reads the bookmark, then the facts it covers: a store that showed a bookmark before its rows
    /// (or part of a batch) fails here. Reads at least once, however quickly the writer finishes.
    /// </summary>
    private static async Task ReadUntilDoneAsync(IProjectionStore store, CancellationToken done)
    {
        do
        {
            var nextOffset = (await store.ReadBookmarksAsync()).GetValueOrDefault(new PartitionId(TestFacts.Topic, 0)).NextOffset;
            var covered = await store.QueryAsync(new FactQuery
            {
                Filters = [FactFilter.Is(FactField.Topic, TestFacts.Topic), FactFilter.Compare(FactField.Offset, FilterOperator.LessThan, FilterValue.Of(nextOffset))],
                Limit = 0,
            });
            Assert.Equal(nextOffset, covered.Total);
            if (nextOffset > 0)
                Assert.NotNull(await store.FindAsync($"c-{nextOffset - 1}"));
        }
        while (!done.IsCancellationRequested);
    }

    private static ProjectionBatch NumberedBatch(int batch)
    {
        var first = batch * FactsPerBatch;
        var facts = Enumerable.Range(first, FactsPerBatch).Select(offset => TestFacts.Fact($"c-{offset}", $"PO-C-{offset % 7}").At(0, offset)).ToList();
        return TestFacts.Batch(facts, null, TestFacts.Bookmark(0, first + FactsPerBatch));
    }
}
