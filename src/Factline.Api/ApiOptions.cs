namespace Factline.Api;

/// <summary>Where the API listens and how large its pages may be. Bound from "Factline:Api".</summary>
public sealed class ApiOptions
{
    public const string Section = "Factline:Api";

    /// <summary>Addresses Kestrel listens on, separated by ';'. Loopback by default: exposing it is a deliberate choice.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8688";

    /// <summary>Page size when a list request gives no <c>limit</c>.</summary>
    public int DefaultLimit { get; set; } = 100;

    /// <summary>Largest <c>limit</c> a list request may ask for; larger ones are refused, not trimmed.</summary>
    public int MaxLimit { get; set; } = 1000;
}
