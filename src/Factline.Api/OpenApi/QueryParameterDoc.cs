using Factline.Storage.Queries;

namespace Factline.Api.OpenApi;

/// <summary>
/// Endpoint metadata describing a query parameter the handler reads from the query string itself
/// (TMF630 filters are open-ended, so the framework cannot infer them); see <see cref="QueryDocumentationTransformer"/>.
/// </summary>
internal sealed record QueryParameterDoc(string Name, string Description, FieldKind Kind, IReadOnlyList<string>? AllowedValues = null);

/// <summary>Endpoint metadata describing a header of the endpoint's success response.</summary>
internal sealed record ResponseHeaderDoc(string Name, string Description, FieldKind Kind);
