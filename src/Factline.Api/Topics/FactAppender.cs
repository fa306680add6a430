using Confluent.Kafka;
using Factline.Envelope;
using Factline.Kafka.Producing;
using Factline.Storage;

namespace Factline.Api.Topics;

/// <summary>
/// Appends a posted fact to its Kafka topic so that one eventId never becomes two facts. An eventId the
/// projection already holds, or that this instance posted a moment ago (<see cref="PostedFacts"/>), is not
/// appended again: with the same content that fact is the answer, with other content (or in another topic)
/// it is a conflict. Should an eventId posted through another instance still be on its way, the projector
/// keeps the first and counts the rest as duplicates (identical) or quarantines them as conflicts
/// (different), as for any re-delivery.
/// </summary>
internal sealed class FactAppender(IFactReader facts, FactProducer producer, PostedFacts posted)
{
    private const string RetryAdvice =
        "The fact may or may not have been appended; posting the same fact again is safe, because one eventId never becomes two facts.";

    /// <param name="fact"><paramref name="written"/>, decoded.</param>
    /// <param name="written">The fact as posted: appended byte for byte, nothing of it fixed up or left out.</param>
    /// <param name="hrefOf">The href of a stored fact, for the conflict message.</param>
    /// <returns>The fact with its log position, and whether this call appended it.</returns>
    public async Task<(StoredFact Fact, bool Appended)> AppendAsync(
        string topic, Fact fact, byte[] written, Func<StoredFact, string> hrefOf, CancellationToken cancellationToken)
    {
        if (await facts.FindAsync(fact.EventId, cancellationToken) is { } stored)
            return (SameAs(stored, topic, fact, hrefOf), false);

        var (kept, appended) = await posted.AppendOnceAsync(fact.EventId, () => ProduceAsync(topic, fact, written, cancellationToken), cancellationToken);
        return appended ? (kept, true) : (SameAs(kept, topic, fact, hrefOf), false);
    }

    /// <summary>The fact kept for the eventId, when the posted one is the same; otherwise a conflict.</summary>
    private static StoredFact SameAs(StoredFact kept, string topic, Fact fact, Func<StoredFact, string> hrefOf)
    {
        var differences = FactDifference.Between(kept.Fact, fact);
        if (kept.Position.Topic != topic || differences.Count > 0)
            throw TopicErrors.EventIdConflict(topic, kept, hrefOf(kept), differences);
        return kept;
    }

    private async Task<StoredFact> ProduceAsync(string topic, Fact fact, byte[] written, CancellationToken cancellationToken)
    {
        try
        {
            var position = await producer.ProduceAsync(topic, fact, written, cancellationToken);
            return new StoredFact(fact, position);
        }
        catch (ProduceException<string, byte[]> e)
        {
            throw KafkaErrors.For($"append the fact to topic '{topic}'", e.Error, RetryAdvice);
        }
    }
}
