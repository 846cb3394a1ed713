using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>Click-to-call: ring the agent's endpoint first and, once the agent answers, dial the number.</summary>
[GenerateSerializer, Alias("CtiCore.Telephony.OriginateCommand")]
public sealed record OriginateCommand : TelephonyCommand
{
    [Id(0)] public string AgentEndpoint { get; set; } = string.Empty;
    [Id(1)] public long AgentId { get; set; }

    /// <summary>The number to dial, in E.164.</summary>
    [Id(2)] public string Number { get; set; } = string.Empty;

    /// <summary>Caller-ID to present to the called party, when the trunk allows it.</summary>
    [Id(3)] public string? CallerId { get; set; }
}
