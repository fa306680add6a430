using Factline.Projection.Replay;
using Factline.Storage;

namespace Factline.Tests.Projection;

public sealed class StartPositionTests
{
    [Theory]
    [InlineData("stored")]
    [InlineData(" Stored ")]
    [InlineData("")]
    public void Stored_is_the_default(string text) => Assert.Same(StartPosition.Stored, StartPosition.Parse(text));

    [Fact]
    public void Earliest_is_understood() => Assert.Same(StartPosition.Earliest, StartPosition.Parse("EARLIEST"));

    [Fact]
    public void An_rfc3339_time_keeps_its_offset()
    {
        var start = Assert.IsType<StartPosition.FromTime>(StartPosition.Parse("2026-11-26T10:15:30.5+01:00"));

        Assert.Equal(new DateTimeOffset(2026, 11, 26, 10, 15, 30, 500, TimeSpan.FromHours(1)), start.Time);
        Assert.Equal(start, StartPosition.Parse(start.ToString()));
    }

    [Fact]
    public void Offsets_name_a_topic_partition_each()
    {
        var start = Assert.IsType<StartPosition.FromOffsets>(StartPosition.Parse("offsets:tmf.facts/0=42, other.topic/11=0"));

        Assert.Equal(new Dictionary<PartitionId, long> { [new("tmf.facts", 0)] = 42, [new("other.topic", 11)] = 0 }, start.Offsets);
        Assert.Equal("offsets:tmf.facts/0=42,other.topic/11=0", start.ToString());
    }

    [Theory]
    [InlineData("latest", "'latest' is not a start position")]
    [InlineData("2026-11-26T10:15:30", "'2026-11-26T10:15:30' is not a start position")] // no offset: ambiguous
    [InlineData("offsets:", "'' is not topic/partition=offset")]
    [InlineData("offsets:tmf.facts=3", "'tmf.facts=3' is not topic/partition=offset")]
    [InlineData("offsets:tmf.facts/-1=3", "'tmf.facts/-1=3' is not topic/partition=offset")]
    [InlineData("offsets:tmf.facts/0=x", "'tmf.facts/0=x' is not topic/partition=offset")]
    [InlineData("offsets:/0=3", "'/0=3' is not topic/partition=offset")]
    [InlineData("offsets:t/0=1,t/0=2", "t/0 is given more than once")]
    public void Anything_else_is_refused_with_the_reason(string text, string reason)
    {
        Assert.False(StartPosition.TryParse(text, out _, out var problem));
        Assert.StartsWith(reason, problem);
        Assert.Contains(reason, Assert.Throws<FormatException>(() => StartPosition.Parse(text)).Message);
    }
}
