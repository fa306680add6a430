using Factline.Projection;
using Factline.Projection.Evidence;
using Factline.Projection.Rebuild;

namespace Factline.Tests.Projection;

/// <summary>A setting out of range or of the wrong type stops the service at start, naming its key.</summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("Factline:Projector:MaxBatchSize", "0", "Factline:Projector:MaxBatchSize must be 1 or more, not 0.")]
    [InlineData("Factline:Projector:MaxBatchSize", "abc", "Failed to convert configuration value 'abc' at 'Factline:Projector:MaxBatchSize' to type 'System.Int32'.")]
    [InlineData("Factline:Projector:MaxBatchDelay", "-00:00:01", "Factline:Projector:MaxBatchDelay must be 00:00:00 or more, not -00:00:01.")]
    [InlineData("Factline:Projector:MaxRecordBytes", "0", "Factline:Projector:MaxRecordBytes must be 1 or more, not 0.")]
    [InlineData("Factline:Projector:ApplyRetries", "-1", "Factline:Projector:ApplyRetries must be 0 or more, not -1.")]
    [InlineData("Factline:Projector:MaxQuarantinedBytes", "-1", "Factline:Projector:MaxQuarantinedBytes must be 0 or more, not -1.")]
    [InlineData("Factline:Projector:StartFrom", "yesterday", "Factline:Projector:StartFrom: 'yesterday' is not a start position")]
    public void Projector_settings_out_of_range_are_refused_by_name(string key, string value, string message) =>
        AssertRefused<ProjectorOptions>(ProjectorOptions.Section, key, value, message);

    [Theory]
    [InlineData("Factline:Evidence:RefreshInterval", "00:00:00", "Factline:Evidence:RefreshInterval must be longer than zero, not 00:00:00.")]
    [InlineData("Factline:Evidence:RetryAfter", "-00:00:02", "Factline:Evidence:RetryAfter must be 00:00:00 or more, not -00:00:02.")]
    public void Evidence_settings_out_of_range_are_refused_by_name(string key, string value, string message) =>
        AssertRefused<EvidenceOptions>(EvidenceOptions.Section, key, value, message);

    [Theory]
    [InlineData("Factline:Rebuild:SwapWithinRecords", "-1", "Factline:Rebuild:SwapWithinRecords must be 0 or more, not -1.")]
    [InlineData("Factline:Rebuild:MaxPause", "00:00:00", "Factline:Rebuild:MaxPause must be longer than zero, not 00:00:00.")]
    [InlineData("Factline:Rebuild:ProgressInterval", "-00:00:01", "Factline:Rebuild:ProgressInterval must be longer than zero, not -00:00:01.")]
    public void Rebuild_settings_out_of_range_are_refused_by_name(string key, string value, string message) =>
        AssertRefused<RebuildOptions>(RebuildOptions.Section, key, value, message);

    [Fact]
    public void Absent_sections_give_the_defaults_which_are_valid()
    {
        var empty = Configuration();

        Assert.Equal(new ProjectorOptions().MaxBatchSize, empty.ReadValidated<ProjectorOptions>(ProjectorOptions.Section).MaxBatchSize);
        Assert.Equal(new EvidenceOptions().RefreshInterval, empty.ReadValidated<EvidenceOptions>(EvidenceOptions.Section).RefreshInterval);
        Assert.Equal(new RebuildOptions().MaxPause, empty.ReadValidated<RebuildOptions>(RebuildOptions.Section).MaxPause);
    }

    [Fact]
    public void Values_in_range_are_read()
    {
        var options = Configuration(("Factline:Projector:MaxBatchSize", "1"), ("Factline:Projector:ApplyRetries", "0"), ("Factline:Projector:StartFrom", "earliest"))
            .ReadValidated<ProjectorOptions>(ProjectorOptions.Section);

        Assert.Equal((1, 0, "earliest"), (options.MaxBatchSize, options.ApplyRetries, options.StartFrom));
    }

    private static void AssertRefused<T>(string section, string key, string value, string message) where T : ISelfValidatingOptions, new()
    {
        var refused = Assert.Throws<ArgumentException>(() => Configuration((key, value)).ReadValidated<T>(section));

        Assert.StartsWith(message, refused.Message);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
