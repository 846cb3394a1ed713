using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>How the ringing phase of a <see cref="CampaignOriginateCommand"/> ended: answered, or why not.</summary>
[GenerateSerializer, Alias("CtiCore.Telephony.OutboundDialResult")]
public sealed record OutboundDialResult : CallEvent
{
    /// <summary>The <see cref="TelephonyCommand.CommandId"/> this answers.</summary>
    [Id(0)] public string CommandId { get; set; } = string.Empty;

    [Id(1)] public bool Answered { get; set; }

    /// <summary>Why it was not answered (<see cref="CallEndCause.Busy"/>, <see cref="CallEndCause.NoAnswer"/>, <see cref="CallEndCause.Failed"/>).</summary>
    [Id(2)] public CallEndCause Cause { get; set; }

    /// <summary>The PBX's words, for logs.</summary>
    [Id(3)] public string? Detail { get; set; }
}
