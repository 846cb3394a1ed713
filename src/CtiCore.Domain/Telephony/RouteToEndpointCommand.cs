using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>
/// Ring this agent's endpoint with the waiting caller. It replaces any earlier routing of the same call:
/// an adapter stops ringing the previous endpoint first (ring-no-answer moves the call on this way).
/// </summary>
[GenerateSerializer, Alias("CtiCore.Telephony.RouteToEndpointCommand")]
public sealed record RouteToEndpointCommand : TelephonyCommand
{
    [Id(0)] public string Endpoint { get; set; } = string.Empty;
    [Id(1)] public long AgentId { get; set; }

    /// <summary>CtiCore enforces the ring timeout itself; the adapter may ring a little longer, never shorter.</summary>
    [Id(2)] public int RingTimeoutSeconds { get; set; }
}
