namespace Factline.Api;

/// <summary>
/// A base path the API is served under. Every endpoint carries its base path as metadata, so a
/// response links back under the path the client used.
/// </summary>
internal sealed record TmfBasePath(string Prefix, string OperationSuffix)
{
    /// <summary>The official TMF688 base path.</summary>
    public static TmfBasePath Event { get; } = new("/tmf-api/event/v4", "");

    /// <summary>The base path deployed TMF688 implementations also answer under.</summary>
    public static TmfBasePath EventManagement { get; } = new("/tmf-api/eventManagement/v4", "ViaEventManagement");

    public static IReadOnlyList<TmfBasePath> All { get; } = [Event, EventManagement];

    /// <summary>Endpoint names (and OpenAPI operation ids) must be unique, so the alias's carry a suffix.</summary>
    public string OperationName(string operation) => operation + OperationSuffix;

    /// <summary>The absolute path of a resource under this base, including the host's path base.</summary>
    public string Href(HttpRequest request, string relativePath) => $"{request.PathBase}{Prefix}{relativePath}";

    /// <summary>The base path of the endpoint that is handling the request.</summary>
    public static TmfBasePath Of(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<TmfBasePath>()
        ?? throw new InvalidOperationException($"{http.Request.Path} is not mapped under a TMF base path");
}
