using Factline.Storage;
using Factline.Storage.Queries;

namespace Factline.Tests.Storage.Contract;

/// <summary>What a store must still hold after it is closed and opened again.</summary>
public abstract partial class ProjectionStoreContract
{
    [RequiresCapability(StoreCapability.Persistence)]
    public async Task Reopening_keeps_facts_quarantine_bookmarks_and_counters()
    {
        var store = await NewCorpusStoreAsync();
        var conflict = TestFacts.Fact("po101-ingress").At(4, 0);
        await store.ApplyAsync(TestFacts.Batch([conflict], [TestFacts.Unreadable(TestFacts.Position(4, 1), QuarantineReason.InvalidJson)], TestFacts.Bookmark(4, 2)));
        var bookmarks = await store.ReadBookmarksAsync();
        var counters = await store.ReadCountersAsync();

        var reopened = await ReopenAsync(store);

        foreach (var fact in FactCorpus.Facts)
            StoreAssert.SameFact(fact, await reopened.FindAsync(fact.Fact.EventId));
        Assert.Equal(FactCorpus.Facts.Count, (await reopened.QueryAsync(new FactQuery())).Total);
        Assert.Equal(2, (await reopened.QueryQuarantineAsync(new QuarantineQuery())).Total);
        Assert.Equal(bookmarks.OrderBy(b => b.Key.ToString()), (await reopened.ReadBookmarksAsync()).OrderBy(b => b.Key.ToString()));
        var reread = await reopened.ReadCountersAsync();
        Assert.Equal((counters.Facts, counters.Duplicates), (reread.Facts, reread.Duplicates));
        Assert.Equal(counters.QuarantinedByReason.OrderBy(c => c.Key), reread.QuarantinedByReason.OrderBy(c => c.Key));
    }

    [RequiresCapability(StoreCapability.Persistence)]
    public async Task Dedup_still_works_after_reopening()
    {
        var store = await NewCorpusStoreAsync();
        var reopened = await ReopenAsync(store);

        var result = await reopened.ApplyAsync(TestFacts.Batch([FactCorpus.Get("po102-ingress"), TestFacts.Fact("po102-validate").At(1, 50)]));

        Assert.Equal(new ApplyResult(0, 1, 1), result);
    }
}
