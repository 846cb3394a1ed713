namespace CtiCore.Sip.Rtp;

/// <summary>The two sides of a relayed call. The recording puts the caller left and the agent right.</summary>
public enum RtpLegRole
{
    Caller,
    Agent,
}
