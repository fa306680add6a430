namespace Factline.Storage.Queries;

/// <summary>One page of a result; <paramref name="Total"/> is null when the query did not ask for it.</summary>
public sealed record FactPage(IReadOnlyList<StoredFact> Items, long? Total);
