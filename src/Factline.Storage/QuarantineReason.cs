namespace Factline.Storage;

/// <summary>Why a record was set aside instead of becoming a fact.</summary>
public enum QuarantineReason
{
    InvalidJson,
    MissingField,
    WrongType,
    InvalidValue,
    UnsupportedVersion,
    Oversized,

    /// <summary>An eventId already projected from another log position with different content.</summary>
    Conflict,
}
