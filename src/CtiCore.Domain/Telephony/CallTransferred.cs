using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>The call was transferred away from the agent who had it (blind or attended, done on the phone or by command).</summary>
[GenerateSerializer, Alias("CtiCore.Telephony.CallTransferred")]
public sealed record CallTransferred : CallEvent
{
    /// <summary>Endpoint or number the call went to.</summary>
    [Id(0)] public string Destination { get; set; } = string.Empty;
}
