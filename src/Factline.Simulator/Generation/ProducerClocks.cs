using Factline.Simulator.Flows;

namespace Factline.Simulator.Generation;

/// <summary>
/// Each service's clock is off by a small, fixed amount, as NTP-synchronised servers are. A fact handed
/// from one service to the next within a few milliseconds can therefore carry an earlier timestamp than
/// the fact before it: log order and producer-time order occasionally disagree, as they do in production.
/// </summary>
internal sealed class ProducerClocks(Random random, int maxSkewMs)
{
    private readonly Dictionary<string, TimeSpan> _skews = new(StringComparer.Ordinal);

    public DateTimeOffset Read(ServiceIdentity service, DateTimeOffset trueTime) => trueTime + SkewOf(service);

    private TimeSpan SkewOf(ServiceIdentity service)
    {
        if (!_skews.TryGetValue(service.Name, out var skew))
        {
            skew = TimeSpan.FromMilliseconds(random.Next(-maxSkewMs, maxSkewMs + 1));
            _skews.Add(service.Name, skew);
        }
        return skew;
    }
}
