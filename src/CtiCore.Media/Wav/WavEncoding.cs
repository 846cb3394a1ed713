namespace CtiCore.Media.Wav;

/// <summary>Sample encodings we accept in a WAV file (RIFF format tags 1, 6 and 7).</summary>
public enum WavEncoding
{
    /// <summary>WAVE_FORMAT_PCM, 16-bit little-endian: Asterisk's <c>wav</c>/<c>wav16</c> formats.</summary>
    Pcm16 = 1,

    /// <summary>WAVE_FORMAT_ALAW, 8-bit G.711 A-law.</summary>
    ALaw = 6,

    /// <summary>WAVE_FORMAT_MULAW, 8-bit G.711 µ-law.</summary>
    MuLaw = 7,
}
