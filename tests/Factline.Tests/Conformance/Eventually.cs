using System.Net;

namespace Factline.Tests.Conformance;

/// <summary>
/// Waits for what a running deployment shows only once the projector has read it: a posted fact is in Kafka
/// when its POST answers, and readable through the API a moment later.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);

    /// <summary>GETs <paramref name="url"/> until it answers 200, and returns that response.</summary>
    public static async Task<HttpResponseMessage> OkAsync(HttpClient http, string url)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var response = await http.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.OK)
                return response;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"GET {url} still answers {(int)response.StatusCode} after {Timeout.TotalSeconds} s: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(Pause);
        }
    }
}
