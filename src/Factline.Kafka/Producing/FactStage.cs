using System.Text.Json;
using Factline.Envelope;
using Factline.Storage;

namespace Factline.Kafka.Producing;

/// <summary>
/// An attempt of a stage that has been recorded as IN_PROGRESS. End it exactly once, with
/// <see cref="SucceedAsync"/> or <see cref="FailAsync"/>; both facts carry the same attempt number.
/// </summary>
public sealed class FactStage
{
    private const int NotEnded = -1;

    private readonly FactProducer _producer;
    private int _ending = NotEnded; // an Outcome once ended; set once, atomically
    private int _retried;

    internal FactStage(FactProducer producer, StageStart start, LogPosition started)
    {
        _producer = producer;
        Start = start;
        Started = started;
    }

    public StageStart Start { get; }

    public int Attempt => Start.Attempt;

    /// <summary>Where the IN_PROGRESS fact was written.</summary>
    public LogPosition Started { get; }

    /// <summary>Records SUCCESS for this attempt.</summary>
    public Task<LogPosition> SucceedAsync(JsonElement? payload = null, CancellationToken cancellationToken = default) =>
        EndAsync(Outcome.Success, null, payload, cancellationToken);

    /// <summary>Records ERROR for this attempt, with what went wrong and whether a retry may help.</summary>
    public Task<LogPosition> FailAsync(FactError error, JsonElement? payload = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        return EndAsync(Outcome.Error, error, payload, cancellationToken);
    }

    /// <summary>Starts the next attempt of the same stage (IN_PROGRESS with attempt + 1). Only once, and only after this attempt failed.</summary>
    public Task<FactStage> RetryAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _ending) != (int)Outcome.Error)
            throw new InvalidOperationException($"Attempt {Attempt} of stage '{Start.Stage}' has not failed; only a failed attempt is retried.");
        if (Interlocked.Exchange(ref _retried, 1) == 1)
            throw new InvalidOperationException($"Attempt {Attempt} of stage '{Start.Stage}' has already been retried.");
        return _producer.BeginStageAsync(Start with { Attempt = Attempt + 1 }, cancellationToken);
    }

    private async Task<LogPosition> EndAsync(Outcome outcome, FactError? error, JsonElement? payload, CancellationToken cancellationToken)
    {
        var previous = Interlocked.CompareExchange(ref _ending, (int)outcome, NotEnded);
        if (previous != NotEnded)
            throw new InvalidOperationException($"Attempt {Attempt} of stage '{Start.Stage}' already ended with {WireNames.Of((Outcome)previous)}.");
        try
        {
            return await _producer.ProduceAsync(_producer.NewFact(RecordType.Execution, Start, outcome, error, payload), cancellationToken: cancellationToken);
        }
        catch
        {
            // Nothing was written, so the attempt has not ended: the caller may try to end it again.
            Volatile.Write(ref _ending, NotEnded);
            throw;
        }
    }
}
