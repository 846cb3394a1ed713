using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>
/// Predictive / progressive dialing: ring the callee FIRST (an agent is found only once a person answers), for at
/// least <see cref="Campaigns.DialCompliance.MinimumRingDuration"/>, presenting the campaign's caller ID. The
/// adapter reports how the dial ended with an <see cref="OutboundDialResult"/> and then the call's ordinary
/// events, all under <see cref="TelephonyCommand.CallId"/>; on an answer the campaign grain sends a
/// <see cref="RouteToEndpointCommand"/> to an agent, or leaves the callee to the PBX's abandon message.
/// </summary>
[GenerateSerializer, Alias("CtiCore.Telephony.CampaignOriginateCommand")]
public sealed record CampaignOriginateCommand : TelephonyCommand
{
    [Id(0)] public long CampaignId { get; set; }
    [Id(1)] public long EntryId { get; set; }

    /// <summary>The callee, E.164.</summary>
    [Id(2)] public string Number { get; set; } = string.Empty;

    /// <summary>The campaign's caller ID, E.164, when it has one.</summary>
    [Id(3)] public string? CallerId { get; set; }

    /// <summary>How long to ring unanswered; the campaign grain never asks for less than the legal minimum.</summary>
    [Id(4)] public TimeSpan RingTimeout { get; set; }

    /// <summary>Run answering-machine detection on the answer and report it as <see cref="AnsweringMachineDetected"/>.</summary>
    [Id(5)] public bool DetectAnsweringMachine { get; set; }
}
