namespace Factline.Api.Topics;

/// <summary>The first-level attribute names of the <see cref="TmfTopic"/> representation, as <c>fields=</c> selects them.</summary>
internal static class TopicAttributes
{
    /// <summary>The resource's name in error messages.</summary>
    public const string Resource = "Topic";

    public const string Id = "id";
    public const string Href = "href";
    public const string Name = "name";
    public const string PartitionCount = "partitionCount";
    public const string Projected = "projected";
    public const string Type = "@type";

    /// <summary>Every first-level attribute, in the order a representation lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Id, Href, Name, PartitionCount, Projected, Type];
}
