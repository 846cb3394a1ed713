using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>An event about one call.</summary>
[GenerateSerializer, Alias("CtiCore.Telephony.CallEvent")]
public abstract record CallEvent : TelephonyEvent
{
    /// <summary>CtiCore's key of the call (the call grain key), chosen by the adapter from the PBX ids:
    /// the Asterisk Linkedid, or the Call-ID of the inbound dialog on the built-in SIP endpoint.</summary>
    [Id(0)] public string CallId { get; set; } = string.Empty;
}
