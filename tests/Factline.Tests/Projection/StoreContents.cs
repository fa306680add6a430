using System.Security.Cryptography;
using System.Text;
using Factline.Envelope;
using Factline.Storage;
using Factline.Storage.Queries;

namespace Factline.Tests.Projection;

/// <summary>Everything a store holds, read back in full, and a digest that two stores with the same content share.</summary>
public static class StoreContents
{
    private const int PageSize = 10_000;

    /// <summary>Every fact in the store, walked with a keyset cursor by eventId, in ordinal eventId order.</summary>
    public static async Task<IReadOnlyList<StoredFact>> ReadAllAsync(IFactReader store)
    {
        var all = new List<StoredFact>();
        var query = new FactQuery { Sort = new FactSort(FactField.EventId), Limit = PageSize, IncludeTotal = false };
        while (true)
        {
            var page = await store.QueryAsync(query);
            all.AddRange(page.Items);
            if (page.Items.Count < PageSize)
                break;
            query = query with { After = FactCursor.After(page.Items[^1], query.Sort) };
        }
        all.Sort((a, b) => string.CompareOrdinal(a.Fact.EventId, b.Fact.EventId));
        return all;
    }

    /// <summary>SHA-256 over every fact in eventId order: its log position, broker time and envelope content.</summary>
    public static string Digest(IEnumerable<StoredFact> facts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var stored in facts)
        {
            var position = stored.Position;
            hash.AppendData(Encoding.UTF8.GetBytes(
                $"{stored.Fact.EventId}|{position}|{position.BrokerTimestamp?.ToUnixTimeMilliseconds()}|"));
            hash.AppendData(FactCodec.Encode(stored.Fact));
            hash.AppendData("\n"u8);
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
