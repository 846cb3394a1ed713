namespace CtiCore.Domain.Telephony;

/// <summary>State of an agent's phone as the PBX sees it (Asterisk device states, SIP registration).</summary>
public enum DeviceState
{
    Unknown = 0,
    NotInUse = 1,
    InUse = 2,
    Busy = 3,
    Ringing = 4,
    OnHold = 5,

    /// <summary>Not registered or unreachable: the agent cannot take calls.</summary>
    Unavailable = 6,
}
