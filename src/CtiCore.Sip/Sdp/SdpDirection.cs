namespace CtiCore.Sip.Sdp;

/// <summary>The media direction attribute of RFC 4566 §6 (RFC 3264 §5.1); sendrecv when none is given.</summary>
public enum SdpDirection
{
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
}
