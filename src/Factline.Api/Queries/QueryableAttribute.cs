using System.Globalization;
using Factline.Api.Errors;
using Factline.Envelope;
using Factline.Storage.Queries;

namespace Factline.Api.Queries;

/// <summary>
/// An attribute of the Event representation that list requests filter and sort on, by its name in
/// the query string (first level, or a dotted path such as <c>error.code</c>), and the store field behind it.
/// </summary>
/// <param name="AllowedValues">The only values an enum-valued attribute can have; null for free values.</param>
internal sealed record QueryableAttribute(string Name, FactField Field, string Description, IReadOnlyList<string>? AllowedValues = null)
{
    public FieldKind Kind => FactFields.KindOf(Field);

    /// <summary>Times and numbers can also be compared with <c>.gt .gte .lt .lte</c>.</summary>
    public bool SupportsRanges => Kind != FieldKind.Text;

    /// <summary>Reads one value given for this attribute in <paramref name="parameter"/>; a malformed value is a 400.</summary>
    public FilterValue ParseValue(string parameter, string text)
    {
        if (text.Length == 0)
            throw TmfErrorException.InvalidQueryParameter(parameter, "has an empty value");
        return Kind switch
        {
            FieldKind.Integer => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                ? FilterValue.Of(number)
                : throw TmfErrorException.InvalidQueryParameter(parameter, $"'{text}' is not a whole number"),
            FieldKind.Time => Rfc3339.TryParse(text, out var time)
                ? FilterValue.Of(time)
                : throw TmfErrorException.InvalidQueryParameter(parameter, DescribeBadTime(text)),
            _ => AllowedValues is null || AllowedValues.Contains(text, StringComparer.Ordinal)
                ? FilterValue.Of(text)
                : throw TmfErrorException.InvalidQueryParameter(parameter,
                    $"'{text}' is not a valid {Name}; expected one of {string.Join(", ", AllowedValues)}"),
        };
    }

    private static string DescribeBadTime(string text)
    {
        var problem = $"{Rfc3339.Refusal(text)}, such as 2026-11-26T10:15:30Z or 2026-11-26T11:15:30+01:00";
        // A '+' in a query string decodes to a space, which is the usual way a good offset arrives broken.
        return text.Contains(' ', StringComparison.Ordinal) ? problem + " (write a '+' offset as %2B)" : problem;
    }
}
