namespace Factline.Cli.Commands;

/// <summary>
/// What the user reads when a command fails before it could run: a setting that is wrong (an <see cref="ArgumentException"/>
/// from the options' validation), a URL that does not parse, a machine that refuses (a port in use) or a store file this
/// release cannot read is told in one line; anything else is a defect and keeps its stack trace.
/// </summary>
internal static class CommandFailure
{
    public static int Report(Exception failure)
    {
        Console.Error.WriteLine(failure switch
        {
            ArgumentException { ParamName: { } name } wrong => $"factline: {wrong.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)}",
            ArgumentException or FormatException or IOException or InvalidDataException or NotSupportedException => $"factline: {failure.Message}",
            _ => $"Unhandled exception: {failure}",
        });
        return 1;
    }
}
