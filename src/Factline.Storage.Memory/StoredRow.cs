namespace Factline.Storage.Memory;

/// <summary>A kept fact and a private copy of the bytes it was read as (for re-delivery comparisons).</summary>
internal sealed record StoredRow(StoredFact Stored, ReadOnlyMemory<byte> Raw)
{
    public static StoredRow From(ProjectedFact projected) =>
        new(new StoredFact(projected.Fact, projected.Position), projected.Raw.ToArray());

    public string EventId => Stored.Fact.EventId;
    public LogPosition Position => Stored.Position;
}
