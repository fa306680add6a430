namespace Factline.Tests.Infrastructure;

/// <summary>Test classes marked <c>[Collection(MockKafkaCollection.Name)]</c> share one mock cluster (and run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class MockKafkaCollection : ICollectionFixture<MockKafkaFixture>
{
    public const string Name = "Mock Kafka cluster";
}
