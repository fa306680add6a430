namespace Factline.Tests.Infrastructure;

/// <summary>Test classes marked <c>[Collection(PostgresCollection.Name)]</c> share one throwaway PostgreSQL server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL server";
}
