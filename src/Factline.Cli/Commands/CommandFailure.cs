using System.Data.Common;
using System.Net.Sockets;
using System.Text.Json;

namespace Factline.Cli.Commands;

/// <summary>
/// What the user reads when a command fails before it could run: a setting that is wrong (an <see cref="ArgumentException"/>
/// from the options' validation), a URL that does not parse, a machine that refuses (a port in use), a store file this
/// release cannot read, a configuration file that does not parse, a database that refuses the store (unreachable, a wrong
/// role or password) or an address to listen on that is not this machine's is told in one line;
/// anything else is a defect and keeps its stack trace.
/// </summary>
internal static class CommandFailure
{
    public static int Report(Exception failure)
    {
        Console.Error.WriteLine(failure switch
        {
            ArgumentNullException => Defect(failure), // never a setting: a null the code should not have passed
            ArgumentException { ParamName: { } name } wrong => $"factline: {wrong.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)}",
            // A configuration file that does not parse (broken JSON, a key twice): the file is named outside, what is wrong inside.
            InvalidDataException { InnerException: JsonException or FormatException } file
                => $"factline: {string.Join(": ", Messages(file).Select(message => message.TrimEnd('.')))}.",
            ArgumentException or FormatException or IOException or InvalidDataException or NotSupportedException
                => $"factline: {failure.Message}",
            DbException => $"factline: the store could not be opened: {string.Join(": ", Messages(failure))}",
            // Before anything else listens, a socket error is the API's address (Factline:Api:Urls): not this host's, say.
            SocketException => $"factline: cannot listen on Factline:Api:Urls: {failure.Message}",
            _ => Defect(failure),
        });
        return 1;
    }

    private static string Defect(Exception failure) => $"Unhandled exception: {failure}";

    /// <summary>The failure's message and those of its causes ("Failed to connect to ...", "Connection refused").</summary>
    private static IEnumerable<string> Messages(Exception failure)
    {
        for (var cause = failure; cause is not null; cause = cause.InnerException)
            yield return cause.Message;
    }
}
