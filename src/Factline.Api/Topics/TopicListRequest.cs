using Factline.Api.Errors;
using Factline.Api.Events;
using Factline.Api.Queries;

namespace Factline.Api.Topics;

/// <summary>
/// A Topic list request under the TMF630 rules: <c>fields</c>, the filters <c>id</c> and <c>name</c> (a comma
/// list matches any of its values, repeated filters all apply), <c>offset</c> and <c>limit</c>. Any other
/// parameter is refused with a 400 naming it.
/// </summary>
internal sealed record TopicListRequest(IReadOnlyList<IReadOnlySet<string>> NameFilters, FieldSelection Fields, int Offset, int Limit)
{
    public static TopicListRequest Parse(IQueryCollection parameters, ApiOptions options)
    {
        var filters = new List<IReadOnlySet<string>>();
        var fields = FieldSelection.All;
        var offset = 0;
        var limit = options.DefaultLimit;

        foreach (var (name, values) in parameters)
        {
            switch (name)
            {
                case ListParameters.Fields:
                    fields = FieldSelection.Parse(QueryValues.Single(name, values), TopicAttributes.Resource, TopicAttributes.All);
                    break;
                case ListParameters.Offset:
                    offset = QueryValues.Offset(values);
                    break;
                case ListParameters.Limit:
                    limit = QueryValues.Limit(values, options);
                    break;
                case TopicAttributes.Id or TopicAttributes.Name:
                    // A topic's id is its name, so both filters select by name.
                    filters.AddRange(values.Select(value => NameSet(name, value ?? "")));
                    break;
                default:
                    throw TmfErrorException.InvalidQueryParameter(name,
                        "is not a Topic list parameter; topics are listed in configuration order and take fields, offset, limit and the filters id and name");
            }
        }
        return new TopicListRequest(filters, fields, offset, limit);
    }

    /// <summary>The topics that pass every filter, in the order given.</summary>
    public IReadOnlyList<string> Select(IEnumerable<string> topics) => [.. topics.Where(topic => NameFilters.All(names => names.Contains(topic)))];

    private static HashSet<string> NameSet(string parameter, string value)
    {
        var names = value.Split(',').ToHashSet(StringComparer.Ordinal);
        if (names.Contains(""))
            throw TmfErrorException.InvalidQueryParameter(parameter, "has an empty value");
        return names;
    }
}
