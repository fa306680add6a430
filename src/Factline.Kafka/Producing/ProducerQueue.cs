using Confluent.Kafka;

namespace Factline.Kafka.Producing;

/// <summary>Queues records with a producer whose local queue may be full for a moment (a burst faster than the brokers take it).</summary>
public static class ProducerQueue
{
    private static readonly TimeSpan QueueFullBackoff = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Queues the record, waiting while the queue is full: the client's background thread sends meanwhile (its producers
    /// poll by themselves, so <c>Poll</c> is not theirs to call).
    /// </summary>
    public static void ProduceWhenQueued<TKey, TValue>(
        this IProducer<TKey, TValue> producer, string topic, Message<TKey, TValue> message, Action<DeliveryReport<TKey, TValue>> delivered)
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, message, delivered);
                return;
            }
            catch (ProduceException<TKey, TValue> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                Thread.Sleep(QueueFullBackoff);
            }
        }
    }
}
