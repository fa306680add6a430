namespace Factline.Simulator.Generation;

/// <summary>What one transaction is about; every fact's payload refers to it.</summary>
/// <param name="EntityId">The order's (or alarm's) id, assigned by the owning service.</param>
internal sealed record TransactionSubject(string EntityId, string Customer, string Channel, IReadOnlyList<string> Items);
