namespace CtiCore.Asterisk.Protocol;

/// <summary>
/// The one exception type of the AMI stack. <see cref="Reason"/> says what went wrong; <see cref="IsTransient"/> says
/// whether retrying after a reconnect can help (modelled on Npgsql's and StackExchange.Redis's exception factories).
/// </summary>
public sealed class AmiException : Exception
{
    public AmiException(AmiErrorReason reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public AmiException()
        : this(AmiErrorReason.ConnectionLost, "AMI error")
    {
    }

    public AmiException(string message)
        : this(AmiErrorReason.ConnectionLost, message)
    {
    }

    public AmiException(string message, Exception innerException)
        : this(AmiErrorReason.ConnectionLost, message, innerException)
    {
    }

    public AmiErrorReason Reason { get; }

    /// <summary>True when the failure belongs to the connection, not to the request: a retry after reconnect may work.</summary>
    public bool IsTransient => Reason is AmiErrorReason.ConnectionLost or AmiErrorReason.Timeout or AmiErrorReason.NotConnected
        or AmiErrorReason.IncompletePacket or AmiErrorReason.PacketTooLarge or AmiErrorReason.MalformedLine
        or AmiErrorReason.InvalidKey or AmiErrorReason.MissingBlankLine or AmiErrorReason.UnknownPacketKind
        or AmiErrorReason.InvalidBanner;

    /// <summary>True when the stream can no longer be trusted and the connection must be broken.</summary>
    public bool IsProtocolDesync => Reason is AmiErrorReason.MalformedLine or AmiErrorReason.InvalidKey
        or AmiErrorReason.PacketTooLarge or AmiErrorReason.MissingBlankLine or AmiErrorReason.UnknownPacketKind
        or AmiErrorReason.InvalidBanner or AmiErrorReason.IncompletePacket;
}
