namespace CtiCore.Asterisk.Protocol;

/// <summary>Why an AMI operation failed. Protocol reasons break the connection; the others concern one action.</summary>
public enum AmiErrorReason
{
    /// <summary>The first line was not an "Asterisk Call Manager/x.y" banner.</summary>
    InvalidBanner,

    /// <summary>A line inside a packet had no "Key:" part.</summary>
    MalformedLine,

    /// <summary>A key was empty or held bytes outside printable ASCII (binary junk).</summary>
    InvalidKey,

    /// <summary>A packet grew past the configured maximum before its terminating blank line.</summary>
    PacketTooLarge,

    /// <summary>A second Event/Response key inside one packet: the blank line between two packets is missing.</summary>
    MissingBlankLine,

    /// <summary>A packet that starts with neither Event nor Response.</summary>
    UnknownPacketKind,

    /// <summary>The connection closed in the middle of a packet.</summary>
    IncompletePacket,

    /// <summary>An action field held CR or LF (header injection) or an invalid key.</summary>
    InvalidActionValue,

    /// <summary>The TCP connection broke or was closed; pending actions are failed with this reason.</summary>
    ConnectionLost,

    /// <summary>No response arrived within the action's timeout.</summary>
    Timeout,

    /// <summary>Asterisk refused the credentials.</summary>
    LoginFailed,

    /// <summary>Asterisk answered an action with "Response: Error".</summary>
    ActionFailed,

    /// <summary>The client is not connected or has been disposed.</summary>
    NotConnected,
}
