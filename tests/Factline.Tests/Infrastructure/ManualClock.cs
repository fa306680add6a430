namespace Factline.Tests.Infrastructure;

/// <summary>A clock that reads whatever the test sets: deterministic producer timestamps.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}
