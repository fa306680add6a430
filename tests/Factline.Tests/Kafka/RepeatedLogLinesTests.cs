using Factline.Kafka;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.Kafka;

/// <summary>A Kafka client's line that says again what one said a moment ago is a repeat, whatever its numbers.</summary>
public sealed class RepeatedLogLinesTests
{
    private const string Refused = "127.0.0.1:40001/bootstrap: Connect to ipv4#127.0.0.1:40001 failed: Connection refused (after 0ms in state CONNECT)";

    [Fact]
    public void A_line_that_differs_only_in_numbers_or_in_librdkafka_s_count_of_suppressed_repeats_is_a_repeat_within_the_quiet_period()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.Zero));
        var lines = new RepeatedLogLines(clock, TimeSpan.FromSeconds(30));

        Assert.False(lines.IsRepeat("FAIL", Refused));
        Assert.True(lines.IsRepeat("FAIL", Refused.Replace("after 0ms", "after 3ms")));
        Assert.True(lines.IsRepeat("FAIL", Refused.Replace("CONNECT)", "CONNECT, 4 identical error(s) suppressed)")));
        Assert.False(lines.IsRepeat("FAIL", "127.0.0.1:40001/bootstrap: Disconnected"));

        clock.Now += TimeSpan.FromSeconds(30);
        Assert.False(lines.IsRepeat("FAIL", Refused));
    }
}
