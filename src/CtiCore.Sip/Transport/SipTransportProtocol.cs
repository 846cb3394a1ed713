namespace CtiCore.Sip.Transport;

public enum SipTransportProtocol
{
    Udp,
    Tcp,
}
