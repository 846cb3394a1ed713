using System.Globalization;
using CtiCore.Domain.Telephony;
using CtiCore.Sip.B2bua;

namespace CtiCore.Telephony.Sip;

/// <summary>
/// Reports one click-to-call of the built-in PBX to its call grain, on the PBX's ordered event queue: the agent's
/// phone ringing (<see cref="CallRinging"/> at the agent's endpoint), the agent's answer (a successful
/// <see cref="OriginateResult"/>, as Asterisk's OriginateResponse), the destination ringing, its answer
/// (<see cref="CallAnswered"/> at the agent's endpoint, which makes the agent's call answered), and the end.
/// </summary>
public sealed class SipOriginateEvents(SipCallEvents events, OriginateCommand command) : ISipOriginateObserver
{
    private int _holdSteps;

    public void AgentRinging(SipOriginatedCall originated)
    {
        ArgumentNullException.ThrowIfNull(originated);
        events.Report(new CallRinging { CallId = originated.Id, Endpoint = originated.Request.AgentLabel }, "ringing:agent");
    }

    public void AgentAnswered(SipOriginatedCall originated)
    {
        ArgumentNullException.ThrowIfNull(originated);
        events.Report(new OriginateResult { CallId = originated.Id, CommandId = command.CommandId, Succeeded = true }, "originate:" + command.CommandId);
    }

    public void DestinationRinging(SipOriginatedCall originated)
    {
        ArgumentNullException.ThrowIfNull(originated);
        events.Report(new CallRinging { CallId = originated.Id, Endpoint = originated.Request.DestinationLabel }, "ringing:destination");
    }

    public void Answered(SipOriginatedCall originated)
    {
        ArgumentNullException.ThrowIfNull(originated);
        events.Report(new CallAnswered { CallId = originated.Id, Endpoint = originated.Request.AgentLabel }, "answered");
    }

    public void HoldChanged(SipOriginatedCall originated, bool held)
    {
        ArgumentNullException.ThrowIfNull(originated);
        var step = Interlocked.Increment(ref _holdSteps).ToString(CultureInfo.InvariantCulture);
        events.Report(held ? new CallHeld { CallId = originated.Id } : new CallResumed { CallId = originated.Id }, (held ? "held:" : "resumed:") + step);
    }

    /// <summary>The agent's phone sent REFER: the command sink resolves the target, as for a routed call's REFER.</summary>
    public void TransferRequested(SipOriginatedCall originated, string target)
    {
        ArgumentNullException.ThrowIfNull(originated);
        events.TransferRequested(originated.Id, target);
    }

    public void TransferRinging(SipOriginatedCall originated, SipB2buaLeg leg)
    {
        ArgumentNullException.ThrowIfNull(originated);
        ArgumentNullException.ThrowIfNull(leg);
        events.Report(new CallTransferStarted { CallId = originated.Id, Destination = leg.EndpointLabel }, "transferstarted:" + leg.CallId);
    }

    /// <summary>As <see cref="SipCallEvents.Transferred"/>: the agent's part is over, then the target's leg answered (its own event id).</summary>
    public void Transferred(SipOriginatedCall originated, SipB2buaLeg leg)
    {
        ArgumentNullException.ThrowIfNull(originated);
        ArgumentNullException.ThrowIfNull(leg);
        events.Report(new CallTransferred { CallId = originated.Id, Destination = leg.EndpointLabel }, "transferred:" + leg.CallId);
        events.Report(new CallAnswered { CallId = originated.Id, Endpoint = leg.EndpointLabel }, "answered:" + leg.CallId);
    }

    public void Ended(SipOriginatedCall originated, SipOriginateEndReason reason)
    {
        ArgumentNullException.ThrowIfNull(originated);
        if (SipOriginateOutcome.IsFailedOriginate(reason, originated.AgentAnswered))
        {
            // The call grain ends the call as failed and releases the agent, as for Asterisk's failed originate.
            events.Report(new OriginateResult
            {
                CallId = originated.Id,
                CommandId = command.CommandId,
                Succeeded = false,
                FailureReason = SipOriginateOutcome.DescribeAgentFailure(originated.LastStatus),
            }, "originate:" + command.CommandId);
            return;
        }
        events.Report(new CallEnded
        {
            CallId = originated.Id,
            Cause = SipOriginateOutcome.CauseOf(reason, originated.LastStatus),
            PbxCauseCode = originated.LastStatus,
        }, "ended");
    }
}
