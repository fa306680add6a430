namespace Factline.Projection.Rebuild;

/// <summary>
/// Where a projector's consume loop and someone who needs it to stand still (a rebuild about to swap the
/// store) meet. The loop honours a request between records: it applies what it has read, reports
/// itself paused, and waits until the pause is released. A projector whose loop is not running writes
/// nothing, so it counts as paused at once.
/// </summary>
internal sealed class PauseGate
{
    private Pause? _requested;
    private int _loopRunning;

    /// <summary>The pause the loop should honour now, if any.</summary>
    public Pause? Requested => Volatile.Read(ref _requested);

    /// <summary>Asks the loop to pause; completes once it has applied what it read and stopped. Dispose the result to let it go on.</summary>
    public async Task<IAsyncDisposable> PauseAsync(CancellationToken cancellationToken)
    {
        var pause = new Pause(this);
        if (Interlocked.CompareExchange(ref _requested, pause, null) is not null)
            throw new InvalidOperationException("The projector is already paused.");
        if (Interlocked.CompareExchange(ref _loopRunning, 0, 0) == 0)
            pause.MarkPaused();
        try
        {
            await pause.Paused.WaitAsync(cancellationToken);
        }
        catch
        {
            await pause.DisposeAsync();
            throw;
        }
        return pause;
    }

    /// <summary>Called by the loop: reports the pause as in effect and waits until it is released.</summary>
    public async Task HoldAsync(Pause pause, CancellationToken cancellationToken)
    {
        pause.MarkPaused();
        await pause.Released.WaitAsync(cancellationToken);
    }

    public void LoopStarted() => Interlocked.Exchange(ref _loopRunning, 1);

    /// <summary>A stopped loop writes nothing more: whoever is waiting for a pause has it.</summary>
    public void LoopEnded()
    {
        Interlocked.Exchange(ref _loopRunning, 0);
        Requested?.MarkPaused();
    }

    internal sealed class Pause(PauseGate gate) : IAsyncDisposable
    {
        private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Paused => _paused.Task;
        public Task Released => _released.Task;

        public void MarkPaused() => _paused.TrySetResult();

        public ValueTask DisposeAsync()
        {
            Interlocked.CompareExchange(ref gate._requested, null, this);
            _released.TrySetResult();
            return ValueTask.CompletedTask;
        }
    }
}
