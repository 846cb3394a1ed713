using CtiCore.Media.Opus;
using Microsoft.Extensions.Options;

namespace CtiCore.Media.Recording;

/// <summary>Refuses at start-up what would only fail later, on the first recording.</summary>
public sealed class RecordingOptionsValidator : IValidateOptions<RecordingOptions>
{
    public ValidateOptionsResult Validate(string? name, RecordingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Root) || !Path.IsPathFullyQualified(options.Root))
        {
            failures.Add("Recording:Root must be an absolute folder path.");
        }

        if (options.BitratePerChannel is < OpusEncodingSettings.MinBitratePerChannel or > OpusEncodingSettings.MaxBitratePerChannel)
        {
            failures.Add($"Recording:BitratePerChannel must be within {OpusEncodingSettings.MinBitratePerChannel}–{OpusEncodingSettings.MaxBitratePerChannel}.");
        }

        if (options.Complexity is < 0 or > 10)
        {
            failures.Add("Recording:Complexity must be within 0–10.");
        }

        if (options.MaxConcurrency < 1)
        {
            failures.Add("Recording:MaxConcurrency must be at least 1.");
        }

        if (options.MaxAttempts < 1)
        {
            failures.Add("Recording:MaxAttempts must be at least 1.");
        }

        if (options.RetryBaseDelay <= TimeSpan.Zero || options.RetryMaxDelay < options.RetryBaseDelay)
        {
            failures.Add("Recording:RetryBaseDelay must be positive and not above RetryMaxDelay.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
