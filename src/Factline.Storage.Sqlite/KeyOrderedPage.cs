using Factline.Storage.Queries;

namespace Factline.Storage.Sqlite;

/// <summary>
/// Reads a page whose rows SQLite orders by the sort key alone (<see cref="FactQuerySql.ByKeyOnly"/>) and orders the
/// key's ties by log position here. SQLite's indexes hold the sort key without the position, so ordering by both
/// made it sort every page's rows again, each with its raw value: measured on 1M facts, searches and timelines
/// take 11-12% less CPU this way. One row past the page shows whether the page holds every row of its last key; when
/// it does not, that key's rows are read again in position order, as many as the page has room for.
/// </summary>
internal static class KeyOrderedPage
{
    private const int KeyColumn = 5; // after FactColumns.Stored

    // Room for a whole search page at once; a timeline's limit is far above the few facts it returns.
    private const int MaxInitialCapacity = 128;

    private static readonly IComparer<StoredFact> ByPosition =
        Comparer<StoredFact>.Create((x, y) => LogPositionOrder.Instance.Compare(x.Position, y.Position));

    private static readonly IComparer<StoredFact> ByPositionDescending =
        Comparer<StoredFact>.Create((x, y) => LogPositionOrder.Instance.Compare(y.Position, x.Position));

    public static List<StoredFact> Read(ReadSession session, FactQuerySql.KeyOrderedSelect select, FactQuery query)
    {
        // The rows come in key order, so a key's rows are next to each other: only each run of one key is put in
        // position order, in the page itself (no second list of keys, no sort of the whole page).
        var byPosition = query.Sort.Descending ? ByPositionDescending : ByPosition;
        var page = new List<StoredFact>(Math.Min(query.Limit, MaxInitialCapacity));
        var runStart = 0;
        long runKey = 0;
        long? keyPastThePage = null;
        using (var reader = session.Command(select.Select, select.Parameters).ExecuteReader())
        {
            while (reader.Read())
            {
                var key = reader.GetInt64(KeyColumn);
                if (page.Count == query.Limit)
                {
                    keyPastThePage = key;
                    break;
                }
                if (page.Count == 0 || key != runKey)
                {
                    page.Sort(runStart, page.Count - runStart, byPosition);
                    (runStart, runKey) = (page.Count, key);
                }
                page.Add(session.Facts.Read(reader));
            }
        }

        if (keyPastThePage == runKey)
        {
            // The last key's rows go on past the page: the page takes the first of them in position order.
            page.RemoveRange(runStart, page.Count - runStart);
            var (tieSelect, tieParameters) = select.TieGroup(runKey, query.Limit - page.Count);
            page.AddRange(session.Facts.ReadAll(session.Command(tieSelect, tieParameters)));
        }
        else
            page.Sort(runStart, page.Count - runStart, byPosition);
        return page;
    }
}
