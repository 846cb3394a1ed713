namespace CtiCore.Media.Wav;

/// <summary>Why a recording source was refused.</summary>
public enum WavFormatError
{
    /// <summary>The file has no bytes at all (not even a header).</summary>
    EmptyFile,

    /// <summary>Not a RIFF/WAVE file at all (another container, text, random bytes).</summary>
    NotWave,

    /// <summary>A WAV file, but an encoding we do not decode (e.g. GSM, ADPCM, 24-bit PCM, float).</summary>
    UnsupportedEncoding,

    /// <summary>The RIFF structure contradicts itself: missing or short chunks, impossible rates or channel counts.</summary>
    Corrupt,

    /// <summary>The file ends before the size its header declares: cut off, or still being written or copied.</summary>
    Truncated,

    /// <summary>The two legs of a call cannot be combined (different sample rates, or a leg that is not mono).</summary>
    IncompatibleLegs,
}
