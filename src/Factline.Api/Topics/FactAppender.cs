using Confluent.Kafka;
using Factline.Envelope;
using Factline.Kafka.Producing;
using Factline.Storage;

namespace Factline.Api.Topics;

/// <summary>
/// Appends a posted fact to its Kafka topic so that one eventId never becomes two facts. An eventId the
/// projection already holds is not appended again: with the same content the stored fact is the answer,
/// with other content (or in another topic) it is a conflict. An eventId not projected yet is appended;
/// should it be a re-post of a fact still on its way, the projector keeps the first and counts the rest
/// as duplicates (identical) or quarantines them as conflicts (different), as for any re-delivery.
/// </summary>
internal sealed class FactAppender(IFactReader facts, FactProducer producer)
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
        if (await facts.FindAsync(fact.EventId, cancellationToken) is { } kept)
        {
            var differences = FactDifference.Between(kept.Fact, fact);
            if (kept.Position.Topic != topic || differences.Count > 0)
                throw TopicErrors.EventIdConflict(topic, kept, hrefOf(kept), differences);
            return (kept, false);
        }

        try
        {
            var position = await producer.ProduceAsync(topic, fact, written, cancellationToken);
            return (new StoredFact(fact, position), true);
        }
        catch (ProduceException<string, byte[]> e)
        {
            throw KafkaErrors.For($"append the fact to topic '{topic}'", e.Error, RetryAdvice);
        }
    }
}
