using CtiCore.Media.Recording;

namespace CtiCore.Media.Tests.Recording;

public sealed class RecordingOptionsValidatorTests
{
    [Fact]
    public void Defaults_with_a_root_are_valid()
    {
        var result = new RecordingOptionsValidator().Validate(null, new RecordingOptions { Root = "/var/lib/cticore/recordings" });
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Every_bad_setting_is_named()
    {
        var result = new RecordingOptionsValidator().Validate(null, new RecordingOptions
        {
            Root = "relative/path", BitratePerChannel = 1_000, Complexity = 11, MaxConcurrency = 0, MaxAttempts = 0,
            RetryBaseDelay = TimeSpan.FromMinutes(5), RetryMaxDelay = TimeSpan.FromMinutes(1),
        });

        Assert.True(result.Failed);
        foreach (var name in new[] { "Root", "BitratePerChannel", "Complexity", "MaxConcurrency", "MaxAttempts", "RetryBaseDelay" })
        {
            Assert.Contains(name, result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
