namespace Factline.Simulator.Flows;

/// <summary>One way a stage can fail, with the error code and message its facts carry.</summary>
/// <param name="Retryable">Whether the service retries after this error (a timeout, an HTTP 503) or gives up (a rejected request).</param>
/// <param name="HttpStatus">The downstream HTTP status, when the failure came back as a response.</param>
/// <param name="TimedOut">The call waited for the stage's full timeout before failing.</param>
public sealed record FailureMode(string Code, string Message, bool Retryable, int? HttpStatus = null, bool TimedOut = false);
