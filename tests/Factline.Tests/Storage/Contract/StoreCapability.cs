namespace Factline.Tests.Storage.Contract;

/// <summary>
/// Behaviour the contract suite checks only on stores that have it. Every store is assumed to have
/// every capability; a store opts out explicitly with <see cref="LacksCapabilityAttribute"/>.
/// </summary>
public enum StoreCapability
{
    /// <summary>The store keeps its data when it is disposed and opened again.</summary>
    Persistence,
}

/// <summary>Declares, on a store's contract test class, a capability the store does not have.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class LacksCapabilityAttribute(StoreCapability capability) : Attribute
{
    public StoreCapability Capability { get; } = capability;
}
