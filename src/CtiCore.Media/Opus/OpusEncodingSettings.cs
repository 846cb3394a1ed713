namespace CtiCore.Media.Opus;

/// <summary>
/// How recordings are encoded. Defaults target telephone speech: 8 kHz sources carry nothing above 4 kHz, so 16 kbit/s
/// per channel of Opus SILK (RFC 6716 §2.1) is already transparent for intelligibility and about 8× smaller than
/// 16-bit PCM (4× smaller than G.711).
/// </summary>
public sealed record OpusEncodingSettings
{
    public const int MinBitratePerChannel = 6_000;
    public const int MaxBitratePerChannel = 64_000;

    /// <summary>Target bitrate for each channel in bit/s; stereo recordings (one leg per channel) get twice this.</summary>
    public int BitratePerChannel { get; init; } = 16_000;

    /// <summary>libopus complexity 0–10. 10 is the reference default; lower trades a little quality for speed.</summary>
    public int Complexity { get; init; } = 10;

    /// <summary>Variable bitrate (the libopus default). Off means hard CBR.</summary>
    public bool VariableBitrate { get; init; } = true;

    /// <summary>
    /// OPUS_APPLICATION_VOIP (default) favours speech intelligibility at low rates; Audio is what opusenc uses, kept for
    /// like-for-like benchmarks.
    /// </summary>
    public bool VoipApplication { get; init; } = true;

    /// <summary>
    /// Cap the coded audio bandwidth at what the source can hold (narrowband for 8 kHz). Without the cap libopus works
    /// at 48 kHz on an upsampled signal that has nothing above 4 kHz, which costs CPU and bits for nothing.
    /// </summary>
    public bool CapBandwidthToSource { get; init; } = true;

    public void Validate()
    {
        if (BitratePerChannel is < MinBitratePerChannel or > MaxBitratePerChannel)
        {
            throw new ArgumentOutOfRangeException(nameof(BitratePerChannel), BitratePerChannel,
                $"Opus bitrate per channel must be within {MinBitratePerChannel}–{MaxBitratePerChannel} bit/s.");
        }

        if (Complexity is < 0 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(Complexity), Complexity, "Opus complexity must be within 0–10.");
        }
    }

    /// <summary>The widest Opus audio bandwidth worth coding for a source rate (RFC 6716 §2: NB 4 kHz, MB 6, WB 8).</summary>
    internal static int MaxBandwidthFor(int sampleRate) => sampleRate switch
    {
        <= 8_000 => Native.OpusNative.BandwidthNarrowband,
        <= 12_000 => Native.OpusNative.BandwidthMediumband,
        <= 16_000 => Native.OpusNative.BandwidthWideband,
        _ => Native.OpusNative.BandwidthFullband,
    };
}
