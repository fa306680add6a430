using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Serialization;
using Factline.Api.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Factline.Api.Errors;

/// <summary>
/// The TMF630 Error body that every failed request answers with. <see cref="Status"/> is text
/// because the TMF688 schema declares it as a string.
/// </summary>
[Description("Why a request failed (TMF630 Error).")]
internal sealed record TmfError(
    [property: Description("What went wrong, as a stable code, e.g. INVALID_QUERY_PARAMETER or NOT_FOUND.")] string Code,
    [property: Description("A short explanation; for a bad query parameter it names the parameter.")] string Reason,
    [property: Description("The details, and what to do about them.")] string Message,
    [property: JsonIgnore] int HttpStatus)
{
    public const string InvalidQueryParameterCode = "INVALID_QUERY_PARAMETER";

    [Description("The HTTP status code, as text.")]
    public string Status => HttpStatus.ToString(CultureInfo.InvariantCulture);

    [JsonPropertyName("@type")]
    [Description("Always Error.")]
    public string Type => "Error";

    /// <summary>An error whose code and reason are the status's own reason phrase ("METHOD_NOT_ALLOWED", "Method Not Allowed").</summary>
    public static TmfError ForStatus(int httpStatus, string message)
    {
        var reason = ReasonPhrases.GetReasonPhrase(httpStatus) is { Length: > 0 } phrase ? phrase : "Error";
        var code = reason.ToUpperInvariant().Replace(" ", "_", StringComparison.Ordinal).Replace("-", "_", StringComparison.Ordinal);
        return new TmfError(code, reason, message, httpStatus);
    }

    /// <summary>A 400 that names the query parameter at fault, so a client can fix exactly that one.</summary>
    public static TmfError InvalidQueryParameter(string parameter, string problem) =>
        new(InvalidQueryParameterCode, $"Invalid query parameter '{parameter}'", $"{parameter}: {problem}", StatusCodes.Status400BadRequest);

    public IResult ToResult() => TmfJson.Result(this, ApiJson.Context.TmfError, HttpStatus);

    public Task WriteAsync(HttpResponse response) => TmfJson.WriteAsync(response, HttpStatus, this, ApiJson.Context.TmfError);
}
