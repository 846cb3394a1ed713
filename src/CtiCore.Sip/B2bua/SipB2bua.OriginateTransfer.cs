using CtiCore.Sip.Endpoint;
using CtiCore.Sip.Messages;

namespace CtiCore.Sip.B2bua;

/// <summary>
/// Blind transfer of a click-to-call by its agent: the routed call's REFER semantics (SipB2bua.Transfer.cs: 202,
/// NOTIFY "100 Trying", the controller resolves the target, NOTIFY with the outcome, BYE to the transferring phone),
/// with the dialled party in the caller's place. Its media stays on the relay; the target is offered the call's codec
/// on the agent side and, once it answers, the relay's agent side is pointed at it. The agent may hang up as soon as
/// it has the 202 (RFC 5589 §6): the dialled party then waits for the target, and is hung up if the transfer fails.
/// </summary>
public sealed partial class SipB2bua
{
    private void OnOriginateRefer(SipOriginatedCall call, SipServerRequest request, bool fromAgent)
    {
        if (ReadReferTarget(request) is not { } target)
        {
            return;
        }
        lock (call.Gate)
        {
            if (!fromAgent)
            {
                request.Respond(403, "Only the agent may transfer");
                return;
            }
            if (call.IsEnded || call.AgentLeg is not { Dialog: { } dialog } leg)
            {
                request.Respond(481);
                return;
            }
            if (!call.DestinationAnswered || call.TransferLeg is not null || call.ReferPending)
            {
                request.Respond(491); // the number still rings, or a transfer is already under way
                return;
            }
            call.ReferPending = true;
            call.Referrer = dialog;
            call.ReferrerDestination = leg.Destination;
            request.Respond(request.CreateResponse(202).Add(SipHeaderId.Contact, ContactTo(leg.Destination)));
            SendReferNotify(dialog, leg.Destination, 100, final: false);
        }
        call.Observer.TransferRequested(call, target.UnescapedUser!);
    }

    /// <summary><see cref="TransferTo"/> for a click-to-call: rings the target with the number as the caller.</summary>
    private bool TransferOriginated(string callId, SipUri target, string user, string endpointLabel, TimeSpan? ringTimeout)
    {
        if (!_originated.TryGetValue(callId, out var call) || Resolve(target) is null)
        {
            return false;
        }
        SipB2buaLeg leg;
        lock (call.Gate)
        {
            // The transferring agent may have hung up already (AgentGone): the transfer still goes on for the number.
            if (call.IsEnded || !call.DestinationAnswered || call.TransferLeg is not null || call.Media is not { } media)
            {
                return false;
            }
            call.ReferPending = false;
            var number = call.Request.Number;
            leg = PlaceOriginateLeg(call, target, flow: null, user, endpointLabel, fromUser: number, fromDisplay: number,
                media.OfferToTransferTarget(), ringTimeout ?? TimeSpan.Zero);
            call.TransferLeg = leg;
        }
        call.Observer.TransferRinging(call, leg);
        return true;
    }

    /// <summary><see cref="FailTransfer"/> for a click-to-call whose REFER's target cannot be reached.</summary>
    private void FailOriginatedTransfer(string callId, int status)
    {
        if (!_originated.TryGetValue(callId, out var call))
        {
            return;
        }
        bool nobodyLeft;
        lock (call.Gate)
        {
            if (call.IsEnded || !call.ReferPending)
            {
                return;
            }
            nobodyLeft = FailOriginateTransferCore(call, status);
        }
        if (nobodyLeft)
        {
            EndOriginated(call, SipOriginateEndReason.AgentBye);
        }
    }

    /// <summary>
    /// The transfer target answered (under the call's lock): the relay sends the number's audio to it, the referrer
    /// hears NOTIFY "200 OK" and a BYE, and the target is the call's agent leg from now on. False when its answer is
    /// unusable: it is hung up and the transfer fails (<paramref name="nobodyLeft"/>: end the call).
    /// </summary>
    private bool CompleteOriginateTransfer(SipOriginatedCall call, SipB2buaLeg leg, SipMessage response, out bool nobodyLeft)
    {
        nobodyLeft = false;
        if (call.Media?.TransferTargetAnswered(response.Body) != true)
        {
            SendBye(leg.Dialog!, leg.Destination);
            leg.Dialog = null;
            nobodyLeft = FailOriginateTransferCore(call, 488);
            return false;
        }
        call.TransferLeg = null;
        NotifyOriginateReferrer(call, 200);
        if (call.AgentLeg is { } old)
        {
            if (old.Dialog is { } dialog)
            {
                old.Dialog = null;
                SendBye(dialog, old.Destination);
            }
            _originatedByLegCallId.TryRemove(old.CallId, out _);
        }
        call.AgentLeg = leg;
        call.AgentGone = false;
        return true;
    }

    /// <summary>
    /// The transfer failed (under the call's lock): the referrer hears why and keeps the number; true when the referrer
    /// already hung up, so the number is hung up too and the call must end.
    /// </summary>
    private bool FailOriginateTransferCore(SipOriginatedCall call, int status)
    {
        if (call.TransferLeg is { } failed)
        {
            _originatedByLegCallId.TryRemove(failed.CallId, out _);
            call.TransferLeg = null;
        }
        call.ReferPending = false;
        NotifyOriginateReferrer(call, status);
        if (!call.AgentGone)
        {
            return false;
        }
        call.LastStatus = status;
        ReleaseOriginateLeg(call.DestinationLeg);
        return true;
    }

    /// <summary>The transferring agent hung up while its transfer goes on (under the call's lock): the number stays.</summary>
    private static bool AgentLeftDuringTransfer(SipOriginatedCall call)
    {
        if (call.TransferLeg is null && !call.ReferPending)
        {
            return false;
        }
        if (call.AgentLeg is { } agent)
        {
            agent.Dialog = null; // its BYE ended that dialog
        }
        call.AgentGone = true;
        call.Referrer = null; // nobody to NOTIFY any more
        call.ReferrerDestination = null;
        return true;
    }

    private void NotifyOriginateReferrer(SipOriginatedCall call, int status)
    {
        if (call.Referrer is { } dialog && call.ReferrerDestination is { } destination)
        {
            SendReferNotify(dialog, destination, status, final: true);
        }
        call.Referrer = null;
        call.ReferrerDestination = null;
    }
}
