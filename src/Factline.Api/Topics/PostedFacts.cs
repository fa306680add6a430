using System.Collections.Concurrent;
using Factline.Storage;

namespace Factline.Api.Topics;

/// <summary>
/// The facts this instance has appended (or is appending) for a POST, kept for <see cref="Memory"/>: long enough for the
/// projector to read them, after which the store answers for them. A second post of an eventId the store does not hold
/// yet is judged against the first one here, so that only one of them is told "created": without it, posts a moment
/// apart all got a 201, and all but the first became conflicts in the quarantine. Posts through other instances are
/// only judged once the projection holds the fact.
/// </summary>
internal sealed class PostedFacts(TimeProvider clock)
{
    /// <summary>How long a posted fact is remembered here.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, Task<StoredFact>> _posted = new(StringComparer.Ordinal);

    /// <summary>
    /// Appends the fact with <paramref name="append"/> unless this instance appended (or is appending) the same eventId:
    /// then the earlier post's fact, and false.
    /// </summary>
    public async Task<(StoredFact Fact, bool Appended)> AppendOnceAsync(
        string eventId, Func<Task<StoredFact>> append, CancellationToken cancellationToken)
    {
        while (true)
        {
            var posting = new TaskCompletionSource<StoredFact>(TaskCreationOptions.RunContinuationsAsynchronously);
            var earlier = _posted.GetOrAdd(eventId, posting.Task);
            if (earlier != posting.Task)
            {
                try
                {
                    return (await earlier.WaitAsync(cancellationToken), false);
                }
                catch (Exception) when (earlier.IsFaulted || earlier.IsCanceled)
                {
                    continue; // The earlier post did not get its fact appended, and is forgotten: this one tries.
                }
            }

            try
            {
                var appended = await append();
                posting.SetResult(appended);
                _ = ForgetLaterAsync(eventId, posting.Task);
                return (appended, true);
            }
            catch (Exception e)
            {
                _posted.TryRemove(new KeyValuePair<string, Task<StoredFact>>(eventId, posting.Task));
                posting.SetException(e);
                throw;
            }
        }
    }

    private async Task ForgetLaterAsync(string eventId, Task<StoredFact> posted)
    {
        await Task.Delay(Memory, clock);
        _posted.TryRemove(new KeyValuePair<string, Task<StoredFact>>(eventId, posted));
    }
}
