using Factline.Envelope;

namespace Factline.Tests.Envelope;

public class Rfc3339Tests
{
    [Theory]
    [InlineData("2026-11-26T10:15:30Z")]
    [InlineData("2026-11-26T10:15:30.123Z")]
    [InlineData("2026-11-26T10:15:30.123456+05:30")]
    [InlineData("2026-11-26T10:15:30-08:00")]
    public void Accepts_times_with_an_explicit_offset(string text) => Assert.True(Rfc3339.TryParse(text, out _));

    [Theory]
    [InlineData("2026-11-26T10:15:30")]
    [InlineData("2026-11-26")]
    [InlineData("26/11/2026 10:15:30Z")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_ambiguous_or_malformed_times(string? text) => Assert.False(Rfc3339.TryParse(text, out _));

    [Theory]
    [InlineData("2026-11-26T10:15:30Z", "2026-11-26T10:15:30.000Z")]
    [InlineData("2026-11-26T10:15:30.1234567Z", "2026-11-26T10:15:30.1234567Z")]
    [InlineData("2026-11-26T10:15:30.120+05:30", "2026-11-26T10:15:30.120+05:30")]
    public void Formats_with_milliseconds_and_the_original_offset(string input, string expected)
    {
        Assert.True(Rfc3339.TryParse(input, out var value));
        Assert.Equal(expected, Rfc3339.Format(value));
    }
}
