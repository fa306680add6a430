using Factline.Storage;
using Factline.Storage.Queries;

namespace Factline.Tests.Storage.Contract;

/// <summary>Quarantined records: kept exactly, once per position, listed in log order with filters.</summary>
public abstract partial class ProjectionStoreContract
{
    private static readonly QuarantineEntry[] Unreadables =
    [
        TestFacts.Unreadable(TestFacts.Position(1, 4), QuarantineReason.InvalidJson, key: "PO-2026-000102"),
        TestFacts.Unreadable(TestFacts.Position(0, 9), QuarantineReason.MissingField, key: "PO-2026-000101"),
        TestFacts.Unreadable(TestFacts.Position(0, 2, "tmf.service.facts"), QuarantineReason.Oversized, key: null),
        TestFacts.Unreadable(TestFacts.Position(1, 30), QuarantineReason.InvalidJson, key: "PO-2026-000101") with { Position = new LogPosition(TestFacts.Topic, 1, 30, null) },
        TestFacts.Unreadable(TestFacts.Position(0, 11), QuarantineReason.UnsupportedVersion, key: "PO-2026-000102"),
    ];

    [Fact]
    public async Task Quarantined_records_are_kept_exactly()
    {
        var store = await NewStoreAsync();
        var conflict = EventIdReuse.Conflict(TestFacts.Fact("e1").At(2, 8), TestFacts.Position(0, 1));
        await store.ApplyAsync(TestFacts.Batch([], [..Unreadables, conflict]));

        var page = await store.QueryQuarantineAsync(new QuarantineQuery { Reasons = [QuarantineReason.Conflict] });
        StoreAssert.SameEntry(conflict, Assert.Single(page.Items));
        foreach (var expected in Unreadables)
        {
            var listed = await store.QueryQuarantineAsync(new QuarantineQuery { Topic = expected.Position.Topic, Partition = expected.Position.Partition, Reasons = [expected.Reason] });
            StoreAssert.SameEntry(expected, Assert.Single(listed.Items, e => e.Position.Offset == expected.Position.Offset));
        }
    }

    [Fact]
    public async Task A_record_quarantined_again_at_the_same_position_is_kept_and_counted_once()
    {
        var store = await NewStoreAsync();
        await store.ApplyAsync(TestFacts.Batch([], Unreadables));

        await store.ApplyAsync(TestFacts.Batch([], Unreadables));

        Assert.Equal(Unreadables.Length, (await store.QueryQuarantineAsync(new QuarantineQuery())).Total);
        Assert.Equal(Unreadables.Length, (await store.ReadCountersAsync()).Quarantined);
    }

    [Fact]
    public async Task Before_committing_a_batch_hands_on_the_entries_it_adds_and_no_others()
    {
        var store = await NewStoreAsync();
        var kept = TestFacts.Fact("e1").At(0, 1);
        await store.ApplyAsync(TestFacts.Batch([kept], Unreadables[..2]));
        var rival = (TestFacts.Fact("e1") with { Stage = "order.completion" }).At(1, 7);
        var handedOn = new List<QuarantineEntry>();

        await store.ApplyAsync(TestFacts.Batch([rival], Unreadables) with { BeforeCommit = handedOn.AddRange });

        // The first two were quarantined before: a re-read record is not handed on twice.
        Assert.Equal(
            ["tmf.facts/0@11", "tmf.facts/1@7", "tmf.facts/1@30", "tmf.service.facts/0@2"],
            handedOn.Select(entry => entry.Position).Order(LogPositionOrder.Instance).Select(position => position.ToString()));
        StoreAssert.SameEntry(EventIdReuse.Conflict(rival, kept.Position), Assert.Single(handedOn, entry => entry.Reason == QuarantineReason.Conflict));
    }

    [Fact]
    public async Task A_batch_that_adds_no_entry_hands_nothing_on()
    {
        var store = await NewStoreAsync();
        await store.ApplyAsync(TestFacts.Batch([], Unreadables));
        var calls = 0;

        await store.ApplyAsync(TestFacts.Batch([TestFacts.Fact("e1").At(0, 1)], Unreadables) with { BeforeCommit = _ => calls++ });

        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task A_batch_whose_entries_cannot_be_handed_on_changes_nothing()
    {
        var store = await NewStoreAsync();
        var batch = TestFacts.Batch([TestFacts.Fact("e1").At(0, 1)], Unreadables, TestFacts.Bookmark(0, 12));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.ApplyAsync(batch with { BeforeCommit = _ => throw new InvalidOperationException("dead-letter topic unavailable") }));

        Assert.Equal("dead-letter topic unavailable", failure.Message);
        Assert.Null(await store.FindAsync("e1"));
        Assert.Equal(0, (await store.QueryQuarantineAsync(new QuarantineQuery())).Total);
        Assert.Empty(await store.ReadBookmarksAsync());
        Assert.Equal(0, (await store.ReadCountersAsync()).Quarantined);

        // Applied again once they can be: every entry is handed on then.
        var handedOn = new List<QuarantineEntry>();
        await store.ApplyAsync(batch with { BeforeCommit = handedOn.AddRange });
        Assert.Equal(Unreadables.Length, handedOn.Count);
        Assert.NotNull(await store.FindAsync("e1"));
    }

    public static TheoryData<QuarantineQuery, string[], long> QuarantineCases => new()
    {
        { new QuarantineQuery(), ["tmf.facts/0@9", "tmf.facts/0@11", "tmf.facts/1@4", "tmf.facts/1@30", "tmf.service.facts/0@2"], 5 },
        { new QuarantineQuery { Reasons = [QuarantineReason.InvalidJson] }, ["tmf.facts/1@4", "tmf.facts/1@30"], 2 },
        { new QuarantineQuery { Topic = "tmf.service.facts" }, ["tmf.service.facts/0@2"], 1 },
        { new QuarantineQuery { Partition = 0 }, ["tmf.facts/0@9", "tmf.facts/0@11", "tmf.service.facts/0@2"], 3 },
        { new QuarantineQuery { Key = "PO-2026-000102" }, ["tmf.facts/0@11", "tmf.facts/1@4"], 2 },
        { new QuarantineQuery { Key = "PO-2026-000101", Reasons = [QuarantineReason.InvalidJson] }, ["tmf.facts/1@30"], 1 },
        { new QuarantineQuery { Topic = "tmf.facts", Reasons = [QuarantineReason.Oversized] }, [], 0 },
        { new QuarantineQuery { Reasons = [QuarantineReason.MissingField, QuarantineReason.Oversized] }, ["tmf.facts/0@9", "tmf.service.facts/0@2"], 2 },
        { new QuarantineQuery { Offset = 1, Limit = 2 }, ["tmf.facts/0@11", "tmf.facts/1@4"], 5 },
        { new QuarantineQuery { Topic = "tmf.facts", Partition = 1, LogOffset = 30 }, ["tmf.facts/1@30"], 1 },
        { new QuarantineQuery { Topic = "tmf.facts", Partition = 0, LogOffset = 30 }, [], 0 },
        { new QuarantineQuery { Topic = "tmf.service.facts", Partition = 0, LogOffset = 2, Reasons = [QuarantineReason.InvalidJson] }, [], 0 },
    };

    [Theory]
    [MemberData(nameof(QuarantineCases))]
    public async Task Quarantine_lists_matching_records_in_log_order_with_a_total(QuarantineQuery query, string[] expected, long total)
    {
        var store = await NewStoreAsync();
        await store.ApplyAsync(TestFacts.Batch([], Unreadables[..2]));
        await store.ApplyAsync(TestFacts.Batch([], Unreadables[2..]));

        var page = await store.QueryQuarantineAsync(query);

        Assert.Equal(expected, page.Items.Select(e => e.Position.ToString()));
        Assert.Equal(total, page.Total);
    }
}
