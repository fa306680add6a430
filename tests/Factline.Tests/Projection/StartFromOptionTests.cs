using Factline.Cli.Commands;
using Factline.Cli.Hosting;

namespace Factline.Tests.Projection;

/// <summary><c>factline serve/project --from ...</c> becomes <c>Factline:Projector:StartFrom</c>; a bad value stops at the command line.</summary>
public sealed class StartFromOptionTests
{
    [Theory]
    [InlineData("earliest")]
    [InlineData("2026-11-26T10:00:00Z")]
    [InlineData("offsets:tmf.facts/0=42,tmf.facts/3=7")]
    public void A_start_position_is_passed_on_as_configuration(string from)
    {
        foreach (var command in new[] { ServeCommand.Create(), ProjectCommand.Create() })
        {
            var result = command.Parse(["--from", from]);

            Assert.Empty(result.Errors);
            Assert.Contains(KeyValuePair.Create("Factline:Projector:StartFrom", (string?)from), CommonOptions.From(result).Overrides());
        }
    }

    [Fact]
    public void Without_the_option_nothing_overrides_the_configured_start()
    {
        var result = ServeCommand.Create().Parse([]);

        Assert.DoesNotContain(CommonOptions.From(result).Overrides(), o => o.Key == "Factline:Projector:StartFrom");
    }

    [Fact]
    public void A_malformed_start_position_is_a_command_line_error_that_says_why()
    {
        var result = ProjectCommand.Create().Parse(["--from", "yesterday"]);

        var error = Assert.Single(result.Errors);
        Assert.Contains("--from: 'yesterday' is not a start position", error.Message);
    }
}
