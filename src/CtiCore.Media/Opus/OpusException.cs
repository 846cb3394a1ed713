namespace CtiCore.Media.Opus;

/// <summary>A libopus or libopusenc call failed. <see cref="NativeCode"/> is the library's own error number.</summary>
public sealed class OpusException : Exception
{
    public OpusException(string message, int nativeCode)
        : base($"{message} (native code {nativeCode})")
        => NativeCode = nativeCode;

    public OpusException()
    {
    }

    public OpusException(string message)
        : base(message)
    {
    }

    public OpusException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int NativeCode { get; }
}
