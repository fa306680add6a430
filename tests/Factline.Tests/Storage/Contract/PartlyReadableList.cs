using System.Collections;

namespace Factline.Tests.Storage.Contract;

/// <summary>
/// A list that fails when its element at <paramref name="failAt"/> is read: a way to make any store's
/// apply fail part-way through a batch, after it has already handled the earlier elements.
/// </summary>
internal sealed class PartlyReadableList<T>(IReadOnlyList<T> items, int failAt) : IReadOnlyList<T>
{
    public int Count => items.Count;

    public T this[int index] => index < failAt ? items[index] : throw new InvalidOperationException("simulated failure while reading the batch");

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < items.Count; i++)
            yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
