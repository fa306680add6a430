using Xunit.Abstractions;
using Xunit.Sdk;

namespace Factline.Tests.Storage.Contract;

/// <summary>
/// A contract test that exists only for stores with the capability: for a store that declares it
/// lacks it, the test is not generated at all (neither skipped nor passed without checking).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Factline.Tests.Storage.Contract.RequiresCapabilityDiscoverer", "Factline.Tests")]
public sealed class RequiresCapabilityAttribute(StoreCapability capability) : FactAttribute
{
    public StoreCapability Capability { get; } = capability;
}

/// <summary>Discovers <see cref="RequiresCapabilityAttribute"/> tests only on classes without a matching <see cref="LacksCapabilityAttribute"/>.</summary>
public sealed class RequiresCapabilityDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var required = factAttribute.GetConstructorArguments().OfType<StoreCapability>().Single();
        var lacking = testMethod.TestClass.Class.GetCustomAttributes(typeof(LacksCapabilityAttribute))
            .SelectMany(attribute => attribute.GetConstructorArguments().OfType<StoreCapability>());
        return lacking.Contains(required) ? [] : base.Discover(discoveryOptions, testMethod, factAttribute);
    }
}
