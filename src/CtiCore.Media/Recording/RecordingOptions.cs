using CtiCore.Media.Opus;

namespace CtiCore.Media.Recording;

/// <summary>Settings of the recording pipeline, bound from the <c>Recording</c> configuration section.</summary>
public sealed class RecordingOptions
{
    public const string SectionName = "Recording";

    /// <summary>Folder that holds <c>yyyy/MM/dd/*.opus</c> and the <c>.jobs</c> journal. Required.</summary>
    public string Root { get; set; } = string.Empty;

    /// <summary>Opus bitrate per channel, bit/s. 16 000 by default; 12 000–16 000 suits telephone speech.</summary>
    public int BitratePerChannel { get; set; } = 16_000;

    /// <summary>libopus complexity 0–10 (10 = reference default).</summary>
    public int Complexity { get; set; } = 10;

    /// <summary>Recordings encoded at once. 1 by default: encoding is off the call path and runs ~100× realtime per core.</summary>
    public int MaxConcurrency { get; set; } = 1;

    /// <summary>Attempts before a job is marked failed (its source is always kept).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Delay before the first retry; doubles each time up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(30);

    public OpusEncodingSettings ToEncodingSettings() => new() { BitratePerChannel = BitratePerChannel, Complexity = Complexity };

    public override string ToString()
        => $"Root={Root}, Bitrate={BitratePerChannel}/ch, Complexity={Complexity}, MaxConcurrency={MaxConcurrency}, MaxAttempts={MaxAttempts}";
}
