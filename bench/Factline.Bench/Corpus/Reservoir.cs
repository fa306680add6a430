namespace Factline.Bench.Corpus;

/// <summary>A uniform random sample of fixed size from a stream of unknown length (Vitter's algorithm R).</summary>
internal sealed class Reservoir<T>(int capacity, Random random)
{
    private readonly List<T> _items = new(capacity);
    private long _seen;

    public IReadOnlyList<T> Items => _items;

    public void Offer(T item)
    {
        _seen++;
        if (_items.Count < capacity)
        {
            _items.Add(item);
            return;
        }
        var slot = random.NextInt64(_seen);
        if (slot < capacity)
            _items[(int)slot] = item;
    }
}
