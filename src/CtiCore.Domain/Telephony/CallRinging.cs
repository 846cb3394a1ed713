using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>An agent's endpoint is ringing for this call.</summary>
[GenerateSerializer, Alias("CtiCore.Telephony.CallRinging")]
public sealed record CallRinging : CallEvent
{
    /// <summary>Endpoint as configured on the agent, e.g. "PJSIP/101".</summary>
    [Id(0)] public string Endpoint { get; set; } = string.Empty;
}
