namespace Factline.Cli.Hosting;

/// <summary>
/// The log levels of <c>Logging:LogLevel:*</c> (and a provider's <c>Logging:&lt;provider&gt;:LogLevel:*</c>), checked
/// before the host starts: .NET reads them only when the first logger is made, and refuses a wrong one with a stack trace.
/// </summary>
public static class LogLevelSettings
{
    /// <exception cref="ArgumentException">A level is not one of .NET's log levels.</exception>
    public static void Validate(IConfiguration configuration)
    {
        var logging = configuration.GetSection("Logging");
        var sections = logging.GetChildren().Select(provider => provider.Key == "LogLevel" ? provider : provider.GetSection("LogLevel"));
        foreach (var level in sections.SelectMany(section => section.GetChildren()))
        {
            // As .NET reads them: a level's name in any case, or its number.
            if (level.Value is { } value && !Enum.TryParse<LogLevel>(value, ignoreCase: true, out _))
                throw new ArgumentException($"{level.Path} must be one of {string.Join(", ", Enum.GetNames<LogLevel>())}, not '{value}'.");
        }
    }
}
