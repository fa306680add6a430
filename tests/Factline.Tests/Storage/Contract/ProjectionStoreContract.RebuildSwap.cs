using Factline.Storage;

namespace Factline.Tests.Storage.Contract;

/// <summary>
/// The rebuild swap (<see cref="IShadowStores"/>): a shadow beside the live store, independent of it until it is
/// promoted; after the promotion it is the store that opens, and discarding either store leaves the other whole.
/// </summary>
public abstract partial class ProjectionStoreContract
{
    /// <summary>The shadow stores of <paramref name="live"/>'s kind, beside it.</summary>
    protected abstract IShadowStores ShadowStoresBeside(IProjectionStore live);

    [Fact]
    public async Task A_shadow_starts_empty_and_neither_it_nor_the_live_store_sees_the_others_writes()
    {
        var live = await NewStoreAsync();
        await live.ApplyAsync(TestFacts.Batch([TestFacts.Fact("live").At(0, 0)], null, TestFacts.Bookmark(0, 1)));
        var shadow = await NewShadowAsync(live);

        Assert.Empty(await shadow.ReadBookmarksAsync());
        await shadow.ApplyAsync(TestFacts.Batch([TestFacts.Fact("rebuilt").At(0, 0)], null, TestFacts.Bookmark(0, 1)));

        Assert.Null(await shadow.FindAsync("live"));
        Assert.Null(await live.FindAsync("rebuilt"));
        Assert.NotNull(await live.FindAsync("live"));
    }

    [Fact]
    public async Task The_promoted_shadow_keeps_answering_and_writing_once_the_replaced_store_is_discarded()
    {
        var live = await NewStoreAsync();
        var shadows = ShadowStoresBeside(live);
        var shadow = await NewShadowAsync(live, shadows);
        await shadow.ApplyAsync(TestFacts.Batch([TestFacts.Fact("rebuilt").At(0, 0)], null, TestFacts.Bookmark(0, 1)));

        await shadows.PromoteAsync(shadow);
        await shadows.DiscardAsync(live);
        await shadow.ApplyAsync(TestFacts.Batch([TestFacts.Fact("after").At(0, 1)], null, TestFacts.Bookmark(0, 2)));

        Assert.NotNull(await shadow.FindAsync("rebuilt"));
        Assert.NotNull(await shadow.FindAsync("after"));
        Assert.Equal(2, (await shadow.ReadBookmarksAsync())[TestFacts.Bookmark(0, 0).Partition].NextOffset);
    }

    [RequiresCapability(StoreCapability.Persistence)]
    public async Task After_a_promotion_the_store_that_opens_is_the_rebuilt_one()
    {
        var live = await NewStoreAsync();
        await live.ApplyAsync(TestFacts.Batch([TestFacts.Fact("old").At(0, 0)], null, TestFacts.Bookmark(0, 1)));
        var shadows = ShadowStoresBeside(live);
        var shadow = await NewShadowAsync(live, shadows);
        await shadow.ApplyAsync(TestFacts.Batch([TestFacts.Fact("old").At(0, 0), TestFacts.Fact("replayed").At(0, 1)], null, TestFacts.Bookmark(0, 2)));

        await shadows.PromoteAsync(shadow);
        await shadows.DiscardAsync(live);
        var reopened = await ReopenAsync(live); // opened as a restart opens it: by the live store's configuration

        Assert.NotNull(await reopened.FindAsync("replayed"));
        Assert.Equal(2, (await reopened.ReadCountersAsync()).Facts);
        Assert.Equal(2, (await reopened.ReadBookmarksAsync())[TestFacts.Bookmark(0, 0).Partition].NextOffset);
    }

    [RequiresCapability(StoreCapability.Persistence)]
    public async Task A_shadow_given_up_is_discarded_and_the_live_store_is_still_the_one_that_opens()
    {
        var live = await NewStoreAsync();
        await live.ApplyAsync(TestFacts.Batch([TestFacts.Fact("live").At(0, 0)], null, TestFacts.Bookmark(0, 1)));
        var shadows = ShadowStoresBeside(live);
        var shadow = await shadows.CreateAsync();
        await shadow.ApplyAsync(TestFacts.Batch([TestFacts.Fact("abandoned").At(0, 0)], null, TestFacts.Bookmark(0, 1)));

        await shadows.DiscardAsync(shadow);
        var reopened = await ReopenAsync(live);

        Assert.NotNull(await reopened.FindAsync("live"));
        Assert.Null(await reopened.FindAsync("abandoned"));
    }

    [Fact]
    public async Task A_prepared_shadow_answers_every_query_case_as_a_live_store_does()
    {
        var live = await NewStoreAsync();
        var shadows = ShadowStoresBeside(live);
        var shadow = await NewShadowAsync(live, shadows);
        await FactCorpus.LoadIntoAsync(shadow);

        await shadows.PrepareAsync(shadow);

        foreach (var queryCase in QueryCases.All)
        {
            var page = await shadow.QueryAsync(queryCase.Query);
            StoreAssert.EventIds(queryCase.Expected, page.Items);
            Assert.Equal(queryCase.Total, page.Total);
        }
    }

    private async Task<IProjectionStore> NewShadowAsync(IProjectionStore live, IShadowStores? shadows = null)
    {
        var shadow = await (shadows ?? ShadowStoresBeside(live)).CreateAsync();
        _stores.Add(shadow);
        return shadow;
    }
}
