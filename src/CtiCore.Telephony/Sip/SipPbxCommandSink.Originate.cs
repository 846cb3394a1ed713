using CtiCore.Domain.Telephony;
using CtiCore.Sip.B2bua;

namespace CtiCore.Telephony.Sip;

/// <summary>
/// Click-to-call on the built-in PBX. Everything that can be checked before anything rings is checked here, and a
/// refusal is thrown (ArgumentException for the number, InvalidOperationException for the agent's phone or the PBX)
/// so the call grain undoes the agent's reservation and the desk shows why; from the first INVITE on, the outcome
/// arrives as events (<see cref="SipOriginateEvents"/>).
/// </summary>
public sealed partial class SipPbxCommandSink
{
    private async Task OriginateAsync(OriginateCommand originate, CancellationToken cancellationToken)
    {
        if (!SipCallKey.IsSafe(originate.CallId))
        {
            throw new ArgumentException("The call id cannot name a call of the built-in PBX.", nameof(originate));
        }
        var agent = await FindAgentPhoneAsync(originate, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("Your phone is not registered with the built-in PBX: start your softphone, then call again.");
        if (await ResolveTargetAsync(originate.Number, cancellationToken).ConfigureAwait(false) is not { } target)
        {
            throw new ArgumentException(IsDialString(DialString(originate.Number)) && string.IsNullOrWhiteSpace(options.Trunk)
                ? "The number is not a registered phone, and no SIP trunk is configured for outside numbers (Cti:Sip:Trunk)."
                : "The number is not a registered phone or a number the built-in PBX can dial.", nameof(originate));
        }
        if (string.Equals(target.User, agent.User, StringComparison.Ordinal) || target.Contact.Equals(agent.Contact))
        {
            throw new ArgumentException("That is your own phone.", nameof(originate));
        }
        var started = b2bua.Originate(new SipOriginateRequest
        {
            CallId = originate.CallId,
            AgentUser = agent.User,
            AgentLabel = originate.AgentEndpoint,
            AgentContact = agent.Contact,
            AgentFlow = agent.Flow,
            Number = originate.Number,
            DestinationTarget = target.Contact,
            DestinationFlow = target.Flow,
            DestinationUser = target.User,
            DestinationLabel = target.Label,
            CallerId = originate.CallerId,
            // A ringing leg has no other end (Timer B stops at the first 1xx): at least a second, never forever.
            AgentRingTimeout = TimeSpan.FromSeconds(Math.Max(1, options.ClickToCallAgentRingSeconds)),
            DialTimeout = TimeSpan.FromSeconds(Math.Max(1, options.ClickToCallDialSeconds)),
        }, new SipOriginateEvents(callEvents, originate));
        switch (started)
        {
            case SipOriginateStart.Started:
            case SipOriginateStart.AlreadyInProgress:
                return;
            case SipOriginateStart.NoRelay:
                throw new InvalidOperationException("Click-to-call on the built-in PBX needs anchored media (Cti:Sip:AnchorMedia).");
            case SipOriginateStart.NoMediaPorts:
                throw new InvalidOperationException("The built-in PBX has no free media ports right now; try again shortly.");
            default:
                throw new InvalidOperationException("Your phone or the number cannot be reached from the built-in PBX.");
        }
    }

    /// <summary>The agent's most recently registered phone the B2BUA can reach, by endpoint, login or extension.</summary>
    private async Task<SipTarget?> FindAgentPhoneAsync(OriginateCommand originate, CancellationToken cancellationToken)
    {
        await foreach (var name in AgentSipNamesAsync(originate.AgentEndpoint, originate.AgentId, cancellationToken).ConfigureAwait(false))
        {
            if (SipB2bua.BestBinding(endpoint.Registrar.GetBindingsForUser(name)) is { } binding)
            {
                return new SipTarget(binding.Contact.Uri!, name, originate.AgentEndpoint, binding.Source);
            }
        }
        return null;
    }
}
