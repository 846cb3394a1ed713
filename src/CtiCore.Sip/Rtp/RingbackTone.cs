namespace CtiCore.Sip.Rtp;

/// <summary>
/// The ringing tone the relay plays to an agent whose dialled number rings without sending early media, as 8 kHz
/// samples counted from the start of the cadence.
/// </summary>
internal static class RingbackTone
{
    /// <summary>
    /// 425 Hz, 1 s on and 4 s off: the ringing tone ITU-T E.180 recommends and ETSI ES 201 970 standardises, heard
    /// across Europe and most of the world outside North America. One frequency that divides 8000 Hz evenly, so each
    /// second of tone holds exactly 425 whole cycles and a phone hears no click at the cadence's edges.
    /// </summary>
    public const int FrequencyHz = 425;

    public const int SampleRate = 8000;

    public static readonly TimeSpan On = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan Off = TimeSpan.FromSeconds(4);

    /// <summary>About −13 dBm0 (G.711's full-scale sine is +3.17 dBm0): within E.180's range for a ringing tone, well below clipping.</summary>
    public const short Amplitude = 5000;

    public static long OnSamples => (long)(On.TotalSeconds * SampleRate);

    public static long CycleSamples => (long)((On + Off).TotalSeconds * SampleRate);

    /// <summary>The linear sample at <paramref name="index"/> samples from the start of the cadence.</summary>
    public static short Sample(long index)
    {
        if (index % CycleSamples >= OnSamples)
        {
            return 0;
        }
        var phase = 2 * Math.PI * FrequencyHz * (index % SampleRate) / SampleRate;
        return (short)Math.Round(Amplitude * Math.Sin(phase));
    }

    /// <summary>Fills <paramref name="payload"/> with the G.711 codes of the samples from <paramref name="firstSample"/> on.</summary>
    public static void Encode(long firstSample, Span<byte> payload, bool aLaw)
    {
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] = G711Encoding.Encode(Sample(firstSample + i), aLaw);
        }
    }
}
