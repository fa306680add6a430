namespace Factline.Projection.DeadLetters;

/// <summary>Quarantined records could not be written to the dead-letter topic.</summary>
public sealed class DeadLetterException(string message) : Exception(message);
