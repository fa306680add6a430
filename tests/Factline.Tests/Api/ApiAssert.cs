using System.Net;
using System.Text.Json.Nodes;

namespace Factline.Tests.Api;

/// <summary>Reads API responses and checks what every response of its kind must satisfy.</summary>
internal static class ApiAssert
{
    public const string JsonContentType = "application/json;charset=utf-8";

    public static async Task<JsonNode> OkJsonAsync(HttpResponseMessage response)
    {
        var contentType = ContentType(response); // Before reading the body, which makes HttpClient parse and reformat it.
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {body}");
        Assert.Equal(JsonContentType, contentType);
        return JsonNode.Parse(body)!;
    }

    public static async Task<JsonArray> ListAsync(HttpClient client, string url) =>
        (await OkJsonAsync(await client.GetAsync(url))).AsArray();

    public static async Task<IReadOnlyList<string>> IdsAsync(HttpClient client, string url) =>
        [.. (await ListAsync(client, url)).Select(e => (string)e!["id"]!)];

    /// <summary>Checks the TMF Error body and its status, and returns it.</summary>
    public static async Task<JsonObject> TmfErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var contentType = ContentType(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(JsonContentType, contentType);
        var error = JsonNode.Parse(body)!.AsObject();
        Assert.Equal(["code", "reason", "message", "status", "@type"], error.Select(p => p.Key));
        Assert.Equal(((int)status).ToString(), (string?)error["status"]);
        Assert.Equal("Error", (string?)error["@type"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)error["code"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)error["message"]));
        return error;
    }

    /// <summary>Checks a 400 that names <paramref name="parameter"/> as the one at fault.</summary>
    public static async Task<JsonObject> InvalidParameterAsync(HttpResponseMessage response, string parameter)
    {
        var error = await TmfErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("INVALID_QUERY_PARAMETER", (string?)error["code"]);
        Assert.Equal($"Invalid query parameter '{parameter}'", (string?)error["reason"]);
        Assert.StartsWith($"{parameter}: ", (string?)error["message"]);
        return error;
    }

    /// <summary>The Content-Type exactly as the server sent it (HttpClient's parsed value would reformat it).</summary>
    public static string ContentType(HttpResponseMessage response) =>
        response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var values) ? values.ToString() : "";

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : throw new Xunit.Sdk.XunitException($"no {name} header");

    /// <summary>
    /// A health probe's answer: its status code and the status on the body's first line ("Healthy", "Degraded",
    /// "Unhealthy"); returns the lines after it, one per check that is not healthy, with its reason.
    /// </summary>
    public static async Task<string[]> ProbeAsync(HttpClient client, string path, HttpStatusCode status, string answer)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        Assert.Equal(answer, lines[0]);
        return lines[1..];
    }
}
