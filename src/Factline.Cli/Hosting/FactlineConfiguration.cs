using Microsoft.Extensions.Configuration;

namespace Factline.Cli.Hosting;

/// <summary>
/// Configuration in increasing precedence: built-in defaults, an optional JSON file, environment
/// variables (FACTLINE__KAFKA__BOOTSTRAPSERVERS style, "__" for ":"), then command-line options.
/// </summary>
public static class FactlineConfiguration
{
    public const string DefaultFile = "factline.json";

    public static IConfigurationBuilder AddFactlineSources(this IConfigurationBuilder builder, CommonOptions options)
    {
        var file = options.ConfigFile ?? DefaultFile;
        builder.AddJsonFile(Path.GetFullPath(file), optional: options.ConfigFile is null, reloadOnChange: false);
        builder.AddEnvironmentVariables();
        builder.AddInMemoryCollection(options.Overrides());
        return builder;
    }
}
