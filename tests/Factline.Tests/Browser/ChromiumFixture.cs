using Microsoft.Playwright;

namespace Factline.Tests.Browser;

/// <summary>
/// Debian's chromium (/usr/bin/chromium), headless, driven by Playwright; shared by the tests of
/// <see cref="BrowserCollection"/>, which each open a context of their own.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    // Playwright's own browser downloads are not used: the distribution's chromium is the one kept up to date.
    // No sandbox: chromium refuses to start its sandbox as root, which CI runs as. The machine may have no
    // network: without the background-networking switches chromium keeps calling Google's services (updates,
    // sync, field trials) and logs each refused connection.
    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("chromium has not started");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException(
                $"The browser tests need Debian's chromium at {ExecutablePath}: install the Debian package 'chromium' (scripts/test.sh does this when it is missing).");

        // The page renders in the browser after loading a few MB of script: on a busy machine that takes longer
        // than the 5 s an Expect waits by default. Actions and navigations already wait up to 30 s.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
