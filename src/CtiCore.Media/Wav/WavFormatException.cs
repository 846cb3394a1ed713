namespace CtiCore.Media.Wav;

/// <summary>A recording source that cannot be read, with the reason and the file it concerns.</summary>
public sealed class WavFormatException : Exception
{
    public WavFormatException(WavFormatError reason, string path, string detail)
        : base($"{Describe(reason)}: {path}: {detail}")
    {
        Reason = reason;
        Path = path;
    }

    public WavFormatException()
    {
        Path = string.Empty;
    }

    public WavFormatException(string message)
        : base(message)
    {
        Path = string.Empty;
    }

    public WavFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
    }

    public WavFormatError Reason { get; }

    public string Path { get; }

    /// <summary>A truncated file may still be being written or copied; trying again later can succeed.</summary>
    public bool IsTransient => Reason == WavFormatError.Truncated;

    private static string Describe(WavFormatError reason) => reason switch
    {
        WavFormatError.EmptyFile => "Empty WAV file",
        WavFormatError.NotWave => "Not a RIFF/WAVE file",
        WavFormatError.UnsupportedEncoding => "Unsupported WAV encoding",
        WavFormatError.Corrupt => "Corrupt WAV file",
        WavFormatError.Truncated => "Truncated WAV file",
        WavFormatError.IncompatibleLegs => "Call legs cannot be combined",
        _ => reason.ToString(),
    };
}
