using System.Security.Cryptography;
using System.Text;
using Factline.Storage.Queries;

namespace Factline.Api.Paging;

/// <summary>
/// A short hash of what a list request selects and how it orders it (not its page size or fields),
/// so a cursor can only continue the query it came from. Independent of parameter order.
/// </summary>
internal static class QueryFingerprint
{
    public static string Of(IEnumerable<FactFilter> filters, FactSort sort)
    {
        var parts = filters
            .Select(f => $"{f.Field}\u001f{f.Operator}\u001f{string.Join('\u001e', f.Values.Select(v => v.ToString()).Order(StringComparer.Ordinal))}")
            .Order(StringComparer.Ordinal)
            .Prepend($"sort\u001f{sort.Field}\u001f{sort.Descending}");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001d', parts)));
        return Convert.ToHexStringLower(hash.AsSpan(0, 12));
    }
}
