using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Factline.Envelope;
using Factline.Storage;
using Factline.Storage.Queries;

namespace Factline.Tests.Storage.Contract;

/// <summary>Applying batches: round trips, dedup, conflicts, counters, bookmarks and all-or-nothing.</summary>
public abstract partial class ProjectionStoreContract
{
    [Fact]
    public async Task Every_applied_fact_is_found_by_its_event_id_exactly_as_it_was_read()
    {
        var store = await NewCorpusStoreAsync();

        foreach (var fact in FactCorpus.Facts)
            StoreAssert.SameFact(fact, await store.FindAsync(fact.Fact.EventId));
    }

    [Fact]
    public async Task A_store_keeps_its_own_copy_of_the_bytes_the_projector_reuses_after_the_apply()
    {
        var store = await NewStoreAsync();
        var fact = TestFacts.Fact("e1").At(0, 0);
        var buffer = fact.Raw.ToArray();
        await store.ApplyAsync(TestFacts.Batch([fact with { Raw = buffer }]));

        // The projector's next records overwrite the memory the applied ones were read into.
        var next = TestFacts.Fact("e2").At(0, 1).Raw;
        buffer.AsSpan().Fill((byte)' ');
        next.Span[..Math.Min(next.Length, buffer.Length)].CopyTo(buffer);

        StoreAssert.SameFact(fact, await store.FindAsync("e1"));
        Assert.Equal(new ApplyResult(0, 1, 0), await store.ApplyAsync(TestFacts.Batch([fact with { Position = TestFacts.Position(0, 2) }])));
    }

    [Fact]
    public async Task An_unknown_event_id_is_not_found()
    {
        var store = await NewCorpusStoreAsync();

        Assert.Null(await store.FindAsync("no-such-event"));
    }

    /// <summary>
    /// This release refuses control characters in identifiers; stores written by earlier releases may hold them, and text
    /// fields that are not identifiers may still: a store keeps, finds and reads back what it holds, whatever the rules of today.
    /// </summary>
    [Fact]
    public async Task Text_with_nul_characters_is_kept_found_and_filtered_exactly()
    {
        var store = await NewStoreAsync();
        var first = (TestFacts.Fact("e\u00001") with { Stage = "order\u0000validation" }).At(0, 0);
        var second = TestFacts.Fact("e\u00002").At(0, 1);

        var result = await store.ApplyAsync(TestFacts.Batch([first, second]));

        Assert.Equal(new ApplyResult(2, 0, 0), result);
        StoreAssert.SameFact(first, await store.FindAsync("e\u00001"));
        StoreAssert.SameFact(second, await store.FindAsync("e\u00002"));
        var page = await store.QueryAsync(new FactQuery { Filters = [FactFilter.Is(FactField.Stage, "order\u0000validation")] });
        StoreAssert.EventIds(["e\u00001"], page.Items);
    }

    /// <summary>Earlier releases accepted ISO 8601 forms RFC 3339 lacks (a comma fraction); their facts still read back.</summary>
    [Fact]
    public async Task A_fact_stamped_in_a_form_only_earlier_releases_accepted_reads_back()
    {
        var store = await NewStoreAsync();
        var fact = TestFacts.Fact("e-comma") with { Timestamp = DateTimeOffset.Parse("2026-11-26T10:15:30.5Z", CultureInfo.InvariantCulture) };
        var json = JsonNode.Parse(FactCodec.Encode(fact))!.AsObject();
        json["timestamp"] = "2026-11-26T10:15:30,5Z";
        var raw = JsonSerializer.SerializeToUtf8Bytes(json);
        Assert.False(FactCodec.Decode(raw).IsValid); // refused today

        await store.ApplyAsync(TestFacts.Batch([new ProjectedFact(fact, TestFacts.Position(0, 0), raw)]));

        Assert.Equal(fact.Timestamp, (await store.FindAsync("e-comma"))?.Fact.Timestamp);
    }

    [Fact]
    public async Task Apply_reports_what_it_inserted()
    {
        var store = await NewStoreAsync();
        var facts = new[] { TestFacts.Fact("e1").At(0, 0), TestFacts.Fact("e2").At(0, 1) };

        var result = await store.ApplyAsync(TestFacts.Batch(facts));

        Assert.Equal(new ApplyResult(2, 0, 0), result);
    }

    [Fact]
    public async Task A_redelivered_fact_with_identical_bytes_is_a_duplicate_and_is_not_stored_again()
    {
        var store = await NewStoreAsync();
        var fact = TestFacts.Fact("e1").At(0, 0);
        await store.ApplyAsync(TestFacts.Batch([fact]));

        var result = await store.ApplyAsync(TestFacts.Batch([fact]));

        Assert.Equal(new ApplyResult(0, 1, 0), result);
        Assert.Single((await store.QueryAsync(FactQuery.ForCorrelation("PO-TEST-1"))).Items);
    }

    [Fact]
    public async Task A_fact_repeated_within_one_batch_is_kept_once_at_its_first_position()
    {
        var store = await NewStoreAsync();
        var first = TestFacts.Fact("e1").At(0, 0);
        var again = first with { Position = TestFacts.Position(3, 17) };

        var result = await store.ApplyAsync(TestFacts.Batch([first, again]));

        Assert.Equal(new ApplyResult(1, 1, 0), result);
        StoreAssert.SameFact(first, await store.FindAsync("e1"));
    }

    [Fact]
    public async Task The_same_json_in_another_layout_is_a_duplicate()
    {
        var store = await NewStoreAsync();
        var fact = TestFacts.Fact("e1").At(0, 0);
        await store.ApplyAsync(TestFacts.Batch([fact]));
        var relaidOut = fact with { Position = TestFacts.Position(0, 1), Raw = TestFacts.Relayout(fact.Raw) };

        var result = await store.ApplyAsync(TestFacts.Batch([relaidOut]));

        Assert.Equal(new ApplyResult(0, 1, 0), result);
        Assert.Empty((await store.QueryQuarantineAsync(new QuarantineQuery())).Items);
    }

    [Fact]
    public async Task The_same_fact_with_its_defaults_written_out_and_an_unknown_field_is_a_duplicate()
    {
        var store = await NewStoreAsync();
        var fact = TestFacts.Fact("e1").At(0, 0);
        await store.ApplyAsync(TestFacts.Batch([fact]));
        var rewritten = fact with { Position = TestFacts.Position(0, 1), Raw = TestFacts.WithDefaultsAndUnknownField(fact.Raw) };

        var result = await store.ApplyAsync(TestFacts.Batch([rewritten]));

        Assert.Equal(new ApplyResult(0, 1, 0), result);
        Assert.Empty((await store.QueryQuarantineAsync(new QuarantineQuery())).Items);
        StoreAssert.SameFact(fact, await store.FindAsync("e1"));
    }

    [Fact]
    public async Task Different_content_under_a_known_event_id_is_quarantined_as_a_conflict_naming_both_positions()
    {
        var store = await NewStoreAsync();
        var kept = TestFacts.Fact("e1").At(0, 3);
        await store.ApplyAsync(TestFacts.Batch([kept]));
        var rival = TestFacts.Fact("e1", outcome: Outcome.Error).At(1, 9);

        var result = await store.ApplyAsync(TestFacts.Batch([rival]));

        Assert.Equal(new ApplyResult(0, 0, 1), result);
        StoreAssert.SameFact(kept, await store.FindAsync("e1"));
        var entry = Assert.Single((await store.QueryQuarantineAsync(new QuarantineQuery())).Items);
        StoreAssert.SameEntry(EventIdReuse.Conflict(rival, kept.Position), entry);
        Assert.Contains(kept.Position.ToString(), entry.Detail);
        Assert.Contains(rival.Position.ToString(), entry.Detail);
    }

    [Fact]
    public async Task A_conflict_within_one_batch_keeps_the_first_fact()
    {
        var store = await NewStoreAsync();
        var first = TestFacts.Fact("e1").At(0, 0);
        var second = TestFacts.Fact("e1", outcome: Outcome.Unknown).At(0, 1);

        var result = await store.ApplyAsync(TestFacts.Batch([first, second]));

        Assert.Equal(new ApplyResult(1, 0, 1), result);
        StoreAssert.SameFact(first, await store.FindAsync("e1"));
        var entry = Assert.Single((await store.QueryQuarantineAsync(new QuarantineQuery { Reasons = [QuarantineReason.Conflict] })).Items);
        StoreAssert.SameEntry(EventIdReuse.Conflict(second, first.Position), entry);
    }

    [Fact]
    public async Task Counters_keep_running_totals_across_batches()
    {
        var store = await NewCorpusStoreAsync();
        var known = FactCorpus.Get("po101-ingress");
        await store.ApplyAsync(TestFacts.Batch(
            [known, known with { Position = TestFacts.Position(5, 0) }, TestFacts.Fact("e1").At(5, 1)],
            [TestFacts.Unreadable(TestFacts.Position(5, 2), QuarantineReason.InvalidJson)]));
        await store.ApplyAsync(TestFacts.Batch(
            [TestFacts.Fact("e1", outcome: Outcome.Error).At(5, 3)],
            [TestFacts.Unreadable(TestFacts.Position(5, 4), QuarantineReason.InvalidJson), TestFacts.Unreadable(TestFacts.Position(5, 5), QuarantineReason.MissingField)]));

        var counters = await store.ReadCountersAsync();

        Assert.Equal(FactCorpus.Facts.Count + 1, counters.Facts);
        Assert.Equal(2, counters.Duplicates);
        Assert.Equal(2, counters.QuarantinedByReason[QuarantineReason.InvalidJson]);
        Assert.Equal(1, counters.QuarantinedByReason[QuarantineReason.MissingField]);
        Assert.Equal(1, counters.QuarantinedByReason[QuarantineReason.Conflict]);
        Assert.Equal(4, counters.Quarantined);
    }

    [Fact]
    public async Task Search_totals_count_each_kept_fact_once_across_batches()
    {
        var store = await NewStoreAsync();
        var kept = TestFacts.Fact("e1").At(0, 0);
        var withoutType = TestFacts.Fact("e2") with { EventType = null };
        await store.ApplyAsync(TestFacts.Batch([kept, kept with { Position = TestFacts.Position(0, 1) }, withoutType.At(0, 2)]));
        await store.ApplyAsync(TestFacts.Batch([kept, TestFacts.Fact("e1", outcome: Outcome.Error).At(0, 3), TestFacts.Fact("e3").At(0, 4)]));

        async Task<long?> TotalAsync(params FactFilter[] filters) => (await store.QueryAsync(new FactQuery { Filters = filters, Limit = 0 })).Total;

        Assert.Equal(3, await TotalAsync());
        Assert.Equal(3, await TotalAsync(FactFilter.Is(FactField.Stage, "order.validation"), FactFilter.Is(FactField.RecordType, "EXECUTION")));
        Assert.Equal(2, await TotalAsync(FactFilter.Is(FactField.EventType, "ProductOrderCreateEvent"), FactFilter.Is(FactField.Outcome, "SUCCESS")));
        Assert.Equal(0, await TotalAsync(FactFilter.Is(FactField.Outcome, "ERROR")));
        Assert.Equal(2, await TotalAsync(FactFilter.Is(FactField.EventType, "ProductOrderCreateEvent", "")));
    }

    [Fact]
    public async Task A_new_store_has_no_bookmarks_and_zero_counters()
    {
        var store = await NewStoreAsync();

        Assert.Empty(await store.ReadBookmarksAsync());
        var counters = await store.ReadCountersAsync();
        Assert.Equal((0, 0, 0), (counters.Facts, counters.Duplicates, counters.Quarantined));
    }

    [Fact]
    public async Task Bookmarks_hold_the_last_value_applied_for_each_partition()
    {
        var store = await NewStoreAsync();
        await store.ApplyAsync(TestFacts.Batch([TestFacts.Fact("e1").At(0, 0)], null, TestFacts.Bookmark(0, 1), TestFacts.Bookmark(1, 40)));
        await store.ApplyAsync(TestFacts.Batch([], null, TestFacts.Bookmark(0, 12), TestFacts.Bookmark(0, 0, "tmf.service.facts")));
        // A replay from an explicit offset moves a bookmark back on purpose: the store keeps what it is given.
        var observed = DateTimeOffset.Parse("2026-11-26T10:00:00.123Z");
        var moved = TestFacts.Bookmark(1, 7) with
        {
            ObservedThrough = observed, LostRecords = 5, UnbrokenFrom = 6, LastRead = new RecordFingerprint(6, long.MinValue + 3), MisplacedFacts = 2, FirstReadOffset = 3,
        };
        await store.ApplyAsync(TestFacts.Batch([], null, moved));

        var bookmarks = await store.ReadBookmarksAsync();

        Assert.Equal(
            new Dictionary<PartitionId, Bookmark>
            {
                [new PartitionId(TestFacts.Topic, 0)] = TestFacts.Bookmark(0, 12),
                [new PartitionId(TestFacts.Topic, 1)] = moved,
                [new PartitionId("tmf.service.facts", 0)] = TestFacts.Bookmark(0, 0, "tmf.service.facts"),
            },
            bookmarks.OrderBy(b => b.Key.ToString()).ToDictionary());
    }

    [Fact]
    public async Task A_batch_that_fails_part_way_changes_nothing()
    {
        var store = await NewStoreAsync();
        await store.ApplyAsync(TestFacts.Batch([TestFacts.Fact("before").At(0, 0)], null, TestFacts.Bookmark(0, 1)));
        var facts = new[] { TestFacts.Fact("e1").At(0, 1), TestFacts.Fact("before", outcome: Outcome.Error).At(0, 2), TestFacts.Fact("e3").At(0, 3), TestFacts.Fact("e4").At(0, 4) };
        var failing = new ProjectionBatch(
            new PartlyReadableList<ProjectedFact>(facts, failAt: 3),
            [TestFacts.Unreadable(TestFacts.Position(0, 5), QuarantineReason.InvalidJson)],
            [TestFacts.Bookmark(0, 6)]);

        await Assert.ThrowsAnyAsync<Exception>(() => store.ApplyAsync(failing));

        await AssertOnlyTheFirstBatchIsStoredAsync(store);
    }

    [Fact]
    public async Task A_cancelled_apply_changes_nothing()
    {
        var store = await NewStoreAsync();
        await store.ApplyAsync(TestFacts.Batch([TestFacts.Fact("before").At(0, 0)], null, TestFacts.Bookmark(0, 1)));
        var batch = TestFacts.Batch(
            [TestFacts.Fact("e1").At(0, 1)], [TestFacts.Unreadable(TestFacts.Position(0, 2), QuarantineReason.InvalidJson)], TestFacts.Bookmark(0, 3));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ApplyAsync(batch, new CancellationToken(canceled: true)));

        await AssertOnlyTheFirstBatchIsStoredAsync(store);
    }

    [Fact]
    public async Task A_disposed_store_refuses_work_and_can_be_disposed_again()
    {
        var store = await NewStoreAsync();
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.ApplyAsync(TestFacts.Batch([TestFacts.Fact("e1").At(0, 0)])));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.FindAsync("e1"));
        await store.DisposeAsync();
    }

    private static async Task AssertOnlyTheFirstBatchIsStoredAsync(IProjectionStore store)
    {
        Assert.Null(await store.FindAsync("e1"));
        Assert.Equal(1, (await store.QueryAsync(new FactQuery())).Total);
        Assert.Empty((await store.QueryQuarantineAsync(new QuarantineQuery())).Items);
        Assert.Equal(1, Assert.Single(await store.ReadBookmarksAsync()).Value.NextOffset);
        var counters = await store.ReadCountersAsync();
        Assert.Equal((1, 0, 0), (counters.Facts, counters.Duplicates, counters.Quarantined));
    }
}
