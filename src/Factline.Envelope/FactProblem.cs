namespace Factline.Envelope;

/// <summary>Why a record could not become a fact.</summary>
public enum FactProblemKind
{
    InvalidJson,
    MissingField,
    WrongType,
    InvalidValue,
    UnsupportedVersion,
}

/// <summary>A precise rejection: which field, and what is wrong with it.</summary>
/// <param name="Field">The envelope field at fault (JSON name), or null when the document as a whole is bad.</param>
public sealed record FactProblem(FactProblemKind Kind, string? Field, string Message)
{
    public override string ToString() => Field is null ? Message : $"{Field}: {Message}";
}
