using Factline.Storage.Queries;

namespace Factline.Storage.Memory;

/// <summary>How two values of one field compare: text ordinally, numbers and times numerically.</summary>
internal static class FilterValueOrder
{
    public static int Compare(FieldKind kind, FilterValue x, FilterValue y) =>
        kind == FieldKind.Text ? string.CompareOrdinal(x.Text, y.Text) : x.Number.CompareTo(y.Number);
}
