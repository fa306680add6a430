namespace Factline.Storage;

/// <summary>What applying a batch did: new facts, exact re-deliveries, and conflicting re-uses of an eventId.</summary>
public readonly record struct ApplyResult(int Inserted, int Duplicates, int Conflicts);
