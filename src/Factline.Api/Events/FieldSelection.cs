using Factline.Api.Errors;
using Factline.Api.Queries;

namespace Factline.Api.Events;

/// <summary>
/// Which first-level attributes a response carries (TMF630 <c>fields=</c>). <c>id</c> and <c>href</c>
/// are always carried.
/// </summary>
internal sealed class FieldSelection
{
    private readonly HashSet<string>? _selected;

    private FieldSelection(HashSet<string>? selected) => _selected = selected;

    public static FieldSelection All { get; } = new(null);

    public bool Includes(string attribute) => _selected is null || _selected.Contains(attribute);

    /// <summary>Reads a comma list of <see cref="TmfEvent"/> attribute names; an unknown name is an error, never ignored.</summary>
    public static FieldSelection Parse(string value) => Parse(value, "Event", EventAttributes.All);

    /// <summary>Reads a comma list of the first-level attribute names of the resource <paramref name="resource"/>.</summary>
    public static FieldSelection Parse(string value, string resource, IReadOnlyList<string> attributes)
    {
        var selected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in value.Split(',', StringSplitOptions.TrimEntries))
        {
            if (name.Length == 0)
                throw TmfErrorException.InvalidQueryParameter(ListParameters.Fields, "lists an empty attribute name");
            if (!attributes.Contains(name, StringComparer.Ordinal))
                throw TmfErrorException.InvalidQueryParameter(ListParameters.Fields,
                    $"'{name}' is not an attribute of {resource}; known attributes: {string.Join(", ", attributes)}");
            selected.Add(name);
        }
        return new FieldSelection(selected);
    }
}
