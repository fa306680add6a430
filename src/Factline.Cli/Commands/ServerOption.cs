using System.CommandLine;
using System.CommandLine.Parsing;

namespace Factline.Cli.Commands;

/// <summary><c>--server</c>: the running Factline (<c>factline serve</c>) a client command talks to, as an absolute http(s) URL.</summary>
internal static class ServerOption
{
    private const string DefaultAddress = "http://127.0.0.1:8688";

    public static Option<Uri> Create(string description) => new("--server")
    {
        Description = $"{description} (default {DefaultAddress})",
        DefaultValueFactory = _ => new Uri(DefaultAddress),
        CustomParser = Parse,
    };

    private static Uri? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (Uri.TryCreate(text, UriKind.Absolute, out var address) && address.Scheme is "http" or "https")
            return address;
        result.AddError($"--server: '{text}' is not an absolute http(s) URL, such as {DefaultAddress}");
        return null;
    }
}
