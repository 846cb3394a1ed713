namespace CtiCore.Media.Opus;

/// <summary>An Ogg Opus file that does not decode back to what was encoded.</summary>
public sealed class OggOpusVerificationException : Exception
{
    public OggOpusVerificationException(OggOpusVerificationError reason, string detail)
        : base($"Ogg Opus verification failed ({reason}): {detail}")
        => Reason = reason;

    public OggOpusVerificationException()
    {
    }

    public OggOpusVerificationException(string message)
        : base(message)
    {
    }

    public OggOpusVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OggOpusVerificationError Reason { get; }
}
