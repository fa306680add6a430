namespace Factline.Envelope;

/// <summary>The envelope's enum values as they are written on the wire and in queries.</summary>
public static class WireNames
{
    public static string Of(RecordType value) => value switch
    {
        RecordType.Ingress => "INGRESS",
        RecordType.Execution => "EXECUTION",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, null),
    };

    public static string Of(Outcome value) => value switch
    {
        Outcome.Success => "SUCCESS",
        Outcome.Error => "ERROR",
        Outcome.InProgress => "IN_PROGRESS",
        Outcome.Unknown => "UNKNOWN",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, null),
    };

    public static bool TryParseRecordType(string text, out RecordType value)
    {
        (var ok, value) = text switch
        {
            "INGRESS" => (true, RecordType.Ingress),
            "EXECUTION" => (true, RecordType.Execution),
            _ => (false, default),
        };
        return ok;
    }

    public static bool TryParseOutcome(string text, out Outcome value)
    {
        (var ok, value) = text switch
        {
            "SUCCESS" => (true, Outcome.Success),
            "ERROR" => (true, Outcome.Error),
            "IN_PROGRESS" => (true, Outcome.InProgress),
            "UNKNOWN" => (true, Outcome.Unknown),
            _ => (false, default),
        };
        return ok;
    }
}
