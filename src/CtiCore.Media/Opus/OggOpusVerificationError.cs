namespace CtiCore.Media.Opus;

/// <summary>Why an Ogg Opus file failed verification.</summary>
public enum OggOpusVerificationError
{
    /// <summary>The file does not start with an Ogg page.</summary>
    NotOgg,

    /// <summary>The page structure is damaged (capture pattern, version, several streams, trailing bytes).</summary>
    Corrupt,

    /// <summary>A page's CRC does not match its bytes.</summary>
    ChecksumMismatch,

    /// <summary>The file ends inside a page or before the end-of-stream page.</summary>
    Truncated,

    /// <summary>The stream is Ogg but its headers are not valid Opus headers (RFC 7845 §5).</summary>
    NotOpus,

    /// <summary>libopus refused an audio packet.</summary>
    UndecodablePacket,

    /// <summary>Decoding succeeded but the audio is not what was encoded (length, channels or rate differ).</summary>
    Mismatch,
}
