using System.Globalization;
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
    [InlineData("2026-02-30T10:15:30Z")]
    [InlineData("2026-11-26T10:15:30+15:00")]
    [InlineData("2026-11-26T10:15:30,5Z")] // ISO 8601's comma fraction: not RFC 3339
    [InlineData("2026-11-26T10:15:30.Z")]
    [InlineData("2026-11-26T10:15:30 Z")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_ambiguous_or_malformed_times(string? text) => Assert.False(Rfc3339.TryParse(text, out _));

    [Theory]
    [InlineData("2026-11-26T10:15:30Z", "2026-11-26T10:15:30.000Z")]
    [InlineData("2026-11-26T10:15:30.1234567Z", "2026-11-26T10:15:30.1234567Z")]
    [InlineData("2026-11-26T10:15:30.120+05:30", "2026-11-26T10:15:30.120+05:30")]
    [InlineData("2026-11-26T10:15:30.5-08:00", "2026-11-26T10:15:30.500-08:00")]
    public void Formats_with_milliseconds_and_the_original_offset(string input, string expected)
    {
        Assert.True(Rfc3339.TryParse(input, out var value));
        Assert.Equal(expected, Rfc3339.Format(value));
    }

    [Theory]
    [InlineData("2026-11-26T10:15:30Z")]
    [InlineData("2026-11-26T10:15:30.1Z")]
    [InlineData("2026-11-26T10:15:30.1234567-08:00")]
    [InlineData("2024-02-29T23:59:59.999+14:00")]
    [InlineData("0001-01-01T00:00:00-01:00")]
    [InlineData("2026-11-26t10:15:30z")]
    [InlineData("2026-11-26 10:15:30+00:00")]
    [InlineData("2026-11-26T10:15:30.123456789Z")]
    public void Reads_the_same_instant_and_offset_as_the_general_parser(string text)
    {
        var expected = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

        Assert.True(Rfc3339.TryParse(text, out var value));
        Assert.Equal(expected, value);
        Assert.Equal(expected.Offset, value.Offset);
    }
}
