using System.Net;
using Factline.Tests.Api;

namespace Factline.Tests.Conformance;

/// <summary>Every documented 4xx, under both base paths, answers with the TMF Error body {code, reason, message, status, @type}.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class ErrorBodyTests(ConformanceTarget target)
{
    public static TheoryData<string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var basePath in KitPaths.BasePaths)
            {
                foreach (var errorCase in ErrorCase.All)
                    data.Add(basePath, errorCase.Name);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task An_invalid_request_gets_its_status_with_a_TMF_error_body(string basePath, string name)
    {
        var errorCase = ErrorCase.All.Single(c => c.Name == name);
        using var request = new HttpRequestMessage(new HttpMethod(errorCase.Method), basePath + Resolve(errorCase.Path))
        {
            Content = errorCase.Body?.Invoke(target),
        };

        var response = await target.Http.SendAsync(request);
        var error = await ApiAssert.TmfErrorAsync(response, errorCase.Status);

        // A 405 names what the resource allows (RFC 9110); every resource here is read with GET, and so with HEAD.
        if (errorCase.Status == HttpStatusCode.MethodNotAllowed)
            Assert.Superset(new HashSet<string> { "GET", "HEAD" }, response.Content.Headers.Allow.ToHashSet());

        if (errorCase.Code is { } code)
            Assert.Equal(code, (string?)error["code"]);
        if (errorCase.Names is { } names)
            Assert.Contains(Resolve(names), (string)error["message"]!);
    }

    private string Resolve(string text) =>
        text.Replace("{topic}", Uri.EscapeDataString(target.Topic), StringComparison.Ordinal)
            .Replace("{event}", Uri.EscapeDataString((string)target.Corpus.Events[0]["id"]!), StringComparison.Ordinal);
}
