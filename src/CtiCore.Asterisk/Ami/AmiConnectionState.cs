namespace CtiCore.Asterisk.Ami;

public enum AmiConnectionState
{
    Disconnected,
    Connecting,
    Connected,
    Disposed,
}
