using Factline.Projection;

namespace Factline.Api;

/// <summary>Where the API listens and how large its pages may be. Bound from "Factline:Api".</summary>
public sealed class ApiOptions : ISelfValidatingOptions
{
    public const string Section = "Factline:Api";

    /// <summary>Addresses Kestrel listens on, separated by ';'. Loopback by default: exposing it is a deliberate choice.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8688";

    /// <summary>Page size when a list request gives no <c>limit</c>.</summary>
    public int DefaultLimit { get; set; } = 100;

    /// <summary>Largest <c>limit</c> a list request may ask for; larger ones are refused, not trimmed.</summary>
    public int MaxLimit { get; set; } = 1000;

    /// <summary>Refuses what Kestrel would refuse only once the host starts (after Kafka connections are made), or page sizes that contradict each other.</summary>
    public void Validate()
    {
        OptionsSections.AtLeast(Section, nameof(MaxLimit), MaxLimit, 1);
        OptionsSections.AtLeast(Section, nameof(DefaultLimit), DefaultLimit, 1);
        if (DefaultLimit > MaxLimit)
            throw new ArgumentException($"{Section}:{nameof(DefaultLimit)} must be at most {nameof(MaxLimit)} ({MaxLimit}), not {DefaultLimit}.");
        var urls = Urls.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (urls.Length == 0)
            throw new ArgumentException($"{Section}:{nameof(Urls)} is empty; give at least one address to listen on, e.g. http://127.0.0.1:8688.");
        foreach (var url in urls)
            CheckUrl(url);
    }

    private static void CheckUrl(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            throw new ArgumentException($"{Section}:{nameof(Urls)}: '{url}' is not an address to listen on, such as http://127.0.0.1:8688.");
        }
        if (!address.IsUnixPipe && address.Port is < 0 or > 65535)
            throw new ArgumentException($"{Section}:{nameof(Urls)}: '{url}' has port {address.Port}; a port is 0 to 65535.");
        if (address.Scheme != Uri.UriSchemeHttp)
            throw new ArgumentException($"{Section}:{nameof(Urls)}: '{url}' asks for {address.Scheme}; Factline serves plain HTTP, to put behind a proxy that terminates TLS.");
    }
}
