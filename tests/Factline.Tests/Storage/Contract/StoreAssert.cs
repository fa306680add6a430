using System.Text;
using Factline.Envelope;
using Factline.Storage;

namespace Factline.Tests.Storage.Contract;

/// <summary>Exact comparisons of what a store returns with what it was given.</summary>
internal static class StoreAssert
{
    /// <summary>Same fact (every field, payload, and the producer timestamp with its own offset) at the same position.</summary>
    public static void SameFact(ProjectedFact expected, StoredFact? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(Encoding.UTF8.GetString(FactCodec.Encode(expected.Fact)), Encoding.UTF8.GetString(FactCodec.Encode(actual.Fact)));
        Assert.Equal(expected.Fact.Timestamp.Offset, actual.Fact.Timestamp.Offset);
        SamePosition(expected.Position, actual.Position);
    }

    public static void SamePosition(LogPosition expected, LogPosition? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.ToString(), actual.Value.ToString());
        Assert.Equal(expected.BrokerTimestamp?.UtcTicks, actual.Value.BrokerTimestamp?.UtcTicks);
    }

    public static void SameEntry(QuarantineEntry expected, QuarantineEntry actual)
    {
        SamePosition(expected.Position, actual.Position);
        Assert.Equal(expected.Key, actual.Key);
        Assert.Equal(expected.Reason, actual.Reason);
        Assert.Equal(expected.Detail, actual.Detail);
        Assert.Equal(expected.Raw.ToArray(), actual.Raw.ToArray());
        Assert.Equal(expected.RawLength, actual.RawLength);
        Assert.Equal(expected.EventId, actual.EventId);
        if (expected.ConflictsWith is { } kept)
            SamePosition(kept, actual.ConflictsWith);
        else
            Assert.Null(actual.ConflictsWith);
    }

    public static void EventIds(IEnumerable<string> expected, IEnumerable<StoredFact> actual) =>
        Assert.Equal(expected, actual.Select(f => f.Fact.EventId));
}
