using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>An agent's phone changed state (registered, unregistered, busy…).</summary>
[GenerateSerializer, Alias("CtiCore.Telephony.AgentDeviceStateChanged")]
public sealed record AgentDeviceStateChanged : TelephonyEvent
{
    [Id(0)] public string Endpoint { get; set; } = string.Empty;
    [Id(1)] public DeviceState State { get; set; }
}
