using CtiCore.Sip.Messages;
using CtiCore.Sip.Transport;

namespace CtiCore.Sip.B2bua;

/// <summary>
/// Click-to-call on the built-in PBX: ring the agent's phone at <see cref="AgentContact"/> first, showing
/// <see cref="Number"/> as the caller, and once the agent answers call <see cref="DestinationTarget"/> (a registered
/// phone or the trunk). Resolving who and where is the caller's job; the B2BUA only places the two legs.
/// </summary>
public sealed record SipOriginateRequest
{
    /// <summary>CtiCore's call key (the call grain's); a safe key (<see cref="SipCallKey.IsSafe"/>).</summary>
    public required string CallId { get; init; }

    public required string AgentUser { get; init; }

    /// <summary>The agent's endpoint as CtiCore names it (reported back in the events).</summary>
    public required string AgentLabel { get; init; }

    public required SipUri AgentContact { get; init; }

    /// <summary>Where the agent's phone registered from (its binding's source): a phone registered over TCP is rung over TCP.</summary>
    public SipRemote? AgentFlow { get; init; }

    /// <summary>The number being dialled, shown to the agent as the caller so they know what the call is.</summary>
    public required string Number { get; init; }

    public required SipUri DestinationTarget { get; init; }

    /// <summary>Where a registered destination phone registered from; null for the trunk (TCP only if its URI says so).</summary>
    public SipRemote? DestinationFlow { get; init; }

    /// <summary>The user part the destination leg is addressed to (the extension, login or dial string).</summary>
    public required string DestinationUser { get; init; }

    public required string DestinationLabel { get; init; }

    /// <summary>The caller-ID presented to the destination (the agent's extension or login when not given).</summary>
    public string? CallerId { get; init; }

    /// <summary>How long the agent's phone may ring before the click-to-call is given up (408).</summary>
    public TimeSpan AgentRingTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the destination may ring before the call ends unanswered (408).</summary>
    public TimeSpan DialTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
