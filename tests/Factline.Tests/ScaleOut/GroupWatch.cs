using Factline.Storage;

namespace Factline.Tests.ScaleOut;

/// <summary>
/// Polls the shared store and the instances' logs until the group reaches a state; fails with every
/// instance's output when it does not, or when an instance that was not stopped has exited.
/// </summary>
public sealed class GroupWatch(IBookmarkReader store, IReadOnlyList<GroupMember> instances)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Whether one of the partitions the instance was assigned has a bookmark beyond the offset it started from there.</summary>
    public async Task<bool> HasWrittenAsync(GroupMember instance)
    {
        var assignments = instance.Assignments;
        if (assignments.Count == 0)
            return false;
        var bookmarks = await store.ReadBookmarksAsync();
        return assignments.Any(assigned => bookmarks.TryGetValue(assigned.Partition, out var bookmark) && bookmark.NextOffset > assigned.Offset);
    }

    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (instances.FirstOrDefault(instance => instance.HasExited && !instance.WasStopped) is { } dead)
                Assert.Fail($"waiting until {what}: instance {dead.Name} exited by itself.{Describe()}");
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"waiting until {what}: not reached in {timeout}.{Describe()}");
            await Task.Delay(PollInterval);
        }
    }

    private string Describe() => string.Concat(instances.Select(instance => $"{Environment.NewLine}--- {instance.Name}:{Environment.NewLine}{instance.Output}"));
}
