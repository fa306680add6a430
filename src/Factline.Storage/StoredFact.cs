using Factline.Envelope;

namespace Factline.Storage;

/// <summary>A fact together with the log position it was read from.</summary>
public sealed record StoredFact(Fact Fact, LogPosition Position);
