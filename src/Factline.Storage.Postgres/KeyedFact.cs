namespace Factline.Storage.Postgres;

/// <summary>A fact with its eventId as the facts table holds it (see <see cref="PostgresText"/>), worked out once per batch.</summary>
internal readonly record struct KeyedFact(ProjectedFact Fact, string Key)
{
    public static KeyedFact Of(ProjectedFact fact) => new(fact, PostgresText.Storable(fact.Fact.EventId));
}
