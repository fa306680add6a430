namespace Factline.Simulator.Flows;

/// <summary>How a simulated transaction unfolds; one of these is drawn for every transaction.</summary>
public enum TransactionShape
{
    /// <summary>Every stage succeeds at the first attempt and the terminal stage is reached.</summary>
    Success,

    /// <summary>One or more stages fail with retryable errors before succeeding; the terminal stage is reached.</summary>
    RetriedSuccess,

    /// <summary>A stage fails for good (a permanent error, or retries run out); the flow ends in the dead-letter stage.</summary>
    DeadLetter,

    /// <summary>The message arrives and nothing more is ever observed: a single INGRESS fact.</summary>
    IngressOnly,

    /// <summary>A stage's call ends without a known outcome (UNKNOWN) and the facts stop there.</summary>
    Unknown,
}
