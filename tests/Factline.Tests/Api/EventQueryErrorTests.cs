using System.Buffers.Text;
using System.Text;

namespace Factline.Tests.Api;

/// <summary>Every kind of bad list parameter is a 400 TMF error that names the parameter; none is ignored.</summary>
[Collection(SeededApiCollection.Name)]
public sealed class EventQueryErrorTests(SeededApiFixture api)
{
    [Theory]
    [InlineData("colour=red", "colour")]
    [InlineData("Stage=x", "Stage")]
    [InlineData("error.message=timeout", "error.message")]
    [InlineData("event=x", "event")]
    [InlineData("colour.gte=1", "colour.gte")]
    [InlineData("eventTime.gte=yesterday", "eventTime.gte")]
    [InlineData("eventTime.gte=2026-11-26T10:00:00", "eventTime.gte")]
    [InlineData("eventTime.lt=2026-11-26T10:00:00+01:00", "eventTime.lt")]
    [InlineData("eventTime=2026-13-26T10:00:00Z", "eventTime")]
    [InlineData("log.brokerTimestamp.gt=26/11/2026", "log.brokerTimestamp.gt")]
    [InlineData("attempt=two", "attempt")]
    [InlineData("attempt.gt=1.5", "attempt.gt")]
    [InlineData("log.partition=first", "log.partition")]
    [InlineData("log.offset.lt=99999999999999999999", "log.offset.lt")]
    [InlineData("outcome=FAILED", "outcome")]
    [InlineData("outcome=SUCCESS,FAILED", "outcome")]
    [InlineData("recordType=ingress", "recordType")]
    [InlineData("stage=", "stage")]
    [InlineData("stage=a,,b", "stage")]
    [InlineData("stage.gt=a", "stage.gt")]
    [InlineData("attempt.gt=1,2", "attempt.gt")]
    [InlineData("offset=-1", "offset")]
    [InlineData("offset=ten", "offset")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=-5", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=10&limit=20", "limit")]
    [InlineData("fields=eventTime,colour", "fields")]
    [InlineData("fields=", "fields")]
    [InlineData("sort=colour", "sort")]
    [InlineData("sort=-", "sort")]
    [InlineData("sort=stage,eventTime", "sort")]
    [InlineData("sort=error.message", "sort")]
    [InlineData("cursor=not-a-cursor!", "cursor")]
    [InlineData("cursor=e30", "cursor")]
    public async Task A_bad_parameter_is_a_400_naming_it(string query, string parameter)
    {
        foreach (var basePath in new[] { "/tmf-api/event/v4", "/tmf-api/eventManagement/v4" })
            await ApiAssert.InvalidParameterAsync(await api.Client.GetAsync($"{basePath}/event?{query}"), parameter);
    }

    [Fact]
    public async Task A_bad_request_is_the_client_s_mistake_and_logs_no_warning()
    {
        await ApiAssert.InvalidParameterAsync(await api.Client.GetAsync("/tmf-api/event/v4/event?limit=0"), "limit");

        Assert.DoesNotContain(api.Logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task A_cursor_that_decodes_but_was_never_issued_is_refused()
    {
        var forged = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("""{"query":"0000","text":null,"number":1,"topic":"t","partition":0,"offset":0}"""));

        await ApiAssert.InvalidParameterAsync(await api.Client.GetAsync($"/tmf-api/event/v4/event?cursor={forged}"), "cursor");
    }

    [Fact]
    public async Task The_error_explains_what_is_wrong_with_the_value()
    {
        var badTime = await ApiAssert.InvalidParameterAsync(
            await api.Client.GetAsync("/tmf-api/event/v4/event?eventTime.gte=2026-11-26T10:00:00+01:00"), "eventTime.gte");
        var badOutcome = await ApiAssert.InvalidParameterAsync(
            await api.Client.GetAsync("/tmf-api/event/v4/event?outcome=FAILED"), "outcome");
        var badLimit = await ApiAssert.InvalidParameterAsync(
            await api.Client.GetAsync("/tmf-api/event/v4/event?limit=1001"), "limit");
        var hugeOffset = await ApiAssert.InvalidParameterAsync(
            await api.Client.GetAsync("/tmf-api/event/v4/event?offset=2147483648"), "offset");

        Assert.Contains("%2B", (string?)badTime["message"]);
        Assert.Contains("SUCCESS, ERROR, IN_PROGRESS, UNKNOWN", (string?)badOutcome["message"]);
        Assert.Contains("from 1 to 1000", (string?)badLimit["message"]);
        Assert.Contains("from 0 to 2147483647, got '2147483648'", (string?)hugeOffset["message"]);
    }
}
