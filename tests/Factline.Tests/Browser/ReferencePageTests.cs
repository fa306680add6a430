using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Factline.Api.OpenApi;
using Factline.Tests.Api;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Factline.Tests.Browser;

/// <summary>The API reference page in chromium: where the root leads, what the page shows, and its "Test Request".</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReferencePageTests(ChromiumFixture chromium, SeededApiFixture api) : IAsyncLifetime
{
    private const string EventListPath = "/tmf-api/event/v4/event";

    private IBrowserContext? _context;

    private IBrowserContext Context => _context ?? throw new InvalidOperationException("the browser context is not open");

    public async Task InitializeAsync() =>
        _context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = api.BaseAddress.ToString() });

    public async Task DisposeAsync()
    {
        if (_context is not null)
            await _context.DisposeAsync();
    }

    [Fact]
    public async Task The_root_opens_the_reference_page_which_lists_the_event_operations_of_the_document()
    {
        var page = await Context.NewPageAsync();

        await page.GotoAsync("/");

        // The page itself may add a fragment naming the section in view.
        var referencePage = new Uri(api.BaseAddress, ReferencePage.Path + "/").ToString();
        await Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(referencePage)}(#.*)?$"));
        await Expect(page).ToHaveTitleAsync(ReferencePage.Title);
        // The sidebar names operations by their summaries (once under each of the two base paths), the tag's overview
        // by their paths: both come from the document.
        var sidebar = page.GetByRole(AriaRole.Complementary);
        await Expect(sidebar.GetByRole(AriaRole.Link, new() { Name = "List or find Event objects HTTP Method: GET" }))
            .ToHaveCountAsync(2);
        await Expect(sidebar.GetByRole(AriaRole.Link, new() { Name = "Retrieves an Event by ID HTTP Method: GET" }))
            .ToHaveCountAsync(2);
        var operations = page.GetByRole(AriaRole.List, new() { Name = "event endpoints" });
        await Expect(operations.GetByRole(AriaRole.Link, new() { Name = $"get {EventListPath}", Exact = true })).ToBeVisibleAsync();
        await Expect(operations.GetByRole(AriaRole.Link, new() { Name = $"get {EventListPath}/{{id}}", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_page_loads_everything_from_the_service_and_logs_no_error()
    {
        var traffic = new PageTraffic(Context);
        var page = await Context.NewPageAsync();

        await page.GotoAsync(ReferencePage.Path + "/", new() { WaitUntil = WaitUntilState.NetworkIdle });
        await Expect(EventListTestRequest(page)).ToBeVisibleAsync();
        // Fonts are fetched once text is laid out in them: wait for those downloads to end, succeeded or not.
        await page.EvaluateAsync("document.fonts.ready");

        Assert.Contains(new Uri(api.BaseAddress, "/openapi/v1.json").ToString(), traffic.Requests);
        Assert.All(traffic.Requests, url => Assert.StartsWith(api.BaseAddress.ToString(), url));
        Assert.Empty(traffic.Failures);
        Assert.Empty(traffic.Errors);
    }

    [Fact]
    public async Task The_test_request_of_the_event_list_asks_the_service_and_shows_the_seeded_fact()
    {
        var traffic = new PageTraffic(Context);
        var page = await Context.NewPageAsync();
        await page.GotoAsync(ReferencePage.Path + "/");

        await EventListTestRequest(page).ClickAsync();
        var client = page.GetByRole(AriaRole.Dialog);
        var eventIdRow = client.GetByRole(AriaRole.Row).Filter(new() { HasText = "eventId" });
        await eventIdRow.GetByRole(AriaRole.Combobox, new() { Name = "Value" }).FillAsync("po123-ingress");
        var request = await page.RunAndWaitForRequestAsync(
            () => client.GetByRole(AriaRole.Button, new() { Name = "Send get request" }).ClickAsync(),
            sent => sent.Url.Contains(EventListPath));

        Assert.Equal(new Uri(api.BaseAddress, EventListPath + "?eventId=po123-ingress").ToString(), request.Url);
        var response = await request.ResponseAsync();
        Assert.Equal(200, response?.Status);
        var events = JsonNode.Parse(await response!.TextAsync())!.AsArray();
        Assert.Equal(["po123-ingress"], events.Select(e => (string?)e!["eventId"]));
        await Expect(client).ToContainTextAsync("200 OK");
        await Expect(client).ToContainTextAsync("PO-2026-000123"); // the fact's correlationId, in the response body
        Assert.All(traffic.Requests, url => Assert.StartsWith(api.BaseAddress.ToString(), url));
    }

    [Fact]
    public async Task The_page_offers_nothing_that_would_send_the_API_description_elsewhere()
    {
        var page = await Context.NewPageAsync();

        await page.GotoAsync(ReferencePage.Path + "/");
        await Expect(EventListTestRequest(page)).ToBeVisibleAsync();

        // Scalar's AI chat sends the document to its service, and its developer tools share, deploy or generate SDKs
        // there: not for a service inside an operator's network.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ask AI" })).ToHaveCountAsync(0);
        await Expect(page.GetByText("Developer Tools")).ToHaveCountAsync(0);
        await Expect(page.GetByText("Generate SDK")).ToHaveCountAsync(0);
    }

    /// <summary>The "Test Request" button of the event list operation, which opens the page's API client on it.</summary>
    private static ILocator EventListTestRequest(IPage page) =>
        page.GetByRole(AriaRole.Button, new() { Name = $"Test Request (get {EventListPath})", Exact = true });
}
