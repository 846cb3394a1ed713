using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>Outcome of an <see cref="OriginateCommand"/>: whether the agent's leg came up and the number was dialled.</summary>
[GenerateSerializer, Alias("CtiCore.Telephony.OriginateResult")]
public sealed record OriginateResult : CallEvent
{
    /// <summary>The <see cref="TelephonyCommand.CommandId"/> this answers.</summary>
    [Id(0)] public string CommandId { get; set; } = string.Empty;

    [Id(1)] public bool Succeeded { get; set; }

    /// <summary>Why it failed, in the PBX's words, when it did.</summary>
    [Id(2)] public string? FailureReason { get; set; }
}
