using Microsoft.Extensions.Configuration.Memory;

namespace Factline.Cli.Hosting;

/// <summary>
/// Configuration in increasing precedence: built-in defaults, an optional JSON file, environment
/// variables (FACTLINE__KAFKA__BOOTSTRAPSERVERS style, "__" for ":"), then command-line options.
/// </summary>
public static class FactlineConfiguration
{
    public const string DefaultFile = "factline.json";

    /// <summary>
    /// Settings a service ships with, below everything else. ASP.NET Core logs five lines per request at Information,
    /// which buried the service's own lines (and a demo's console) under every curl; its warnings and errors stay.
    /// The host logs a start that failed as an error with its stack trace, before the command says why in one line
    /// (a port in use, say): its critical lines (a background service that stopped it) stay.
    /// </summary>
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host"] = "Critical",
    };

    public static IConfigurationBuilder AddFactlineSources(this IConfigurationBuilder builder, CommonOptions options)
    {
        builder.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Defaults });
        var file = options.ConfigFile ?? DefaultFile;
        builder.AddJsonFile(Path.GetFullPath(file), optional: options.ConfigFile is null, reloadOnChange: false);
        builder.AddEnvironmentVariables();
        builder.AddInMemoryCollection(options.Overrides());
        return builder;
    }
}
