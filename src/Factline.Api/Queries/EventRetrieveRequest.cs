using Factline.Api.Errors;
using Factline.Api.Events;

namespace Factline.Api.Queries;

/// <summary>Reads the query string of a single-event request, which takes no parameter but <c>fields</c>.</summary>
internal static class EventRetrieveRequest
{
    public static FieldSelection Parse(IQueryCollection parameters) => Parse(parameters, "Event", EventAttributes.All);

    /// <summary>The same rule for any resource retrieved by id, with its own first-level <paramref name="attributes"/>.</summary>
    public static FieldSelection Parse(IQueryCollection parameters, string resource, IReadOnlyList<string> attributes)
    {
        var fields = FieldSelection.All;
        foreach (var (name, values) in parameters)
        {
            if (name != ListParameters.Fields)
                throw TmfErrorException.InvalidQueryParameter(name,
                    $"is not supported when retrieving one {resource.ToLowerInvariant()}; only 'fields' is");
            fields = FieldSelection.Parse(QueryValues.Single(name, values), resource, attributes);
        }
        return fields;
    }
}
