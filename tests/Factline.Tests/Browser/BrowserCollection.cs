using Factline.Tests.Api;

namespace Factline.Tests.Browser;

/// <summary>
/// Test classes marked <c>[Collection(BrowserCollection.Name)]</c> share one chromium and one API server over the
/// seeded store (their own, so they run beside the API tests rather than after them).
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<ChromiumFixture>, ICollectionFixture<SeededApiFixture>
{
    public const string Name = "Chromium and the API over the seeded memory store";
}
