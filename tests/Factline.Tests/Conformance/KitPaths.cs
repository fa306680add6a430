namespace Factline.Tests.Conformance;

/// <summary>Where an event collection lives: across all topics, or under the topic the kit posts to.</summary>
public enum EventScope
{
    AllTopics,
    Topic,
}

/// <summary>The URLs the kit walks, under each base path a TMF688 implementation answers.</summary>
internal static class KitPaths
{
    public const string EventBase = "/tmf-api/event/v4";
    public const string EventManagementBase = "/tmf-api/eventManagement/v4";

    public static IReadOnlyList<string> BasePaths { get; } = [EventBase, EventManagementBase];

    public static string Events(string basePath, EventScope scope, string topic) =>
        scope == EventScope.AllTopics ? $"{basePath}/event" : $"{basePath}/topic/{Uri.EscapeDataString(topic)}/event";

    public static string Event(string basePath, EventScope scope, string topic, string id) =>
        $"{Events(basePath, scope, topic)}/{Uri.EscapeDataString(id)}";

    public static string Topic(string basePath, string topic) => $"{basePath}/topic/{Uri.EscapeDataString(topic)}";

    /// <summary>Every base path with every event scope: the four places each event rule is checked.</summary>
    public static TheoryData<string, EventScope> EveryCollection()
    {
        var data = new TheoryData<string, EventScope>();
        foreach (var basePath in BasePaths)
        {
            foreach (var scope in Enum.GetValues<EventScope>())
                data.Add(basePath, scope);
        }
        return data;
    }

    /// <summary><see cref="EveryCollection"/> crossed with <paramref name="values"/>.</summary>
    public static TheoryData<string, EventScope, string> EveryCollectionWith(IEnumerable<string> values)
    {
        var data = new TheoryData<string, EventScope, string>();
        foreach (var (basePath, scope) in EveryCollection().Select(row => ((string)row[0], (EventScope)row[1])))
        {
            foreach (var value in values)
                data.Add(basePath, scope, value);
        }
        return data;
    }
}
