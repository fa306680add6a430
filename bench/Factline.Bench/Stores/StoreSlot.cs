namespace Factline.Bench.Stores;

/// <summary>
/// A place of its own for one run's store: a directory for file-based stores, and a name unique in
/// the bench run for stores that live in a server (a database or schema name).
/// </summary>
public sealed record StoreSlot(string Directory, string Name);
