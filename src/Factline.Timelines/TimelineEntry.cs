using Factline.Envelope;
using Factline.Storage;

namespace Factline.Timelines;

/// <summary>One line of a timeline: a fact, or a record of the transaction that could not be read as one.</summary>
public abstract record TimelineEntry(LogPosition Position);

/// <summary>A fact, with its producer clock (<see cref="Fact.Timestamp"/>) and broker clock (<see cref="LogPosition.BrokerTimestamp"/>).</summary>
public sealed record FactEntry(StoredFact Stored) : TimelineEntry(Stored.Position)
{
    public Fact Fact => Stored.Fact;
}

/// <summary>A quarantined record with this transaction's key, shown where the log holds it.</summary>
public sealed record UnreadableEntry(QuarantineEntry Record) : TimelineEntry(Record.Position)
{
    public string Description => $"unreadable fact at {Position}";
}
