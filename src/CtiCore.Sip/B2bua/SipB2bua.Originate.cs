using System.Collections.Concurrent;
using System.Net;
using CtiCore.Sip.Dialogs;
using CtiCore.Sip.Endpoint;
using CtiCore.Sip.Messages;
using CtiCore.Sip.Transport;

namespace CtiCore.Sip.B2bua;

/// <summary>
/// Click-to-call (third-party call control, RFC 3725 with the media anchored on the relay). The B2BUA calls the
/// agent's phone first, with the relay's own offer and the dialled number as caller-ID; when the agent answers it calls
/// the destination with the agent's codec, and when that answers the relay joins the two (recorded like an inbound
/// call, the destination on the caller's channel). While the destination rings, the agent hears its early media or
/// the relay's ringing tone (<see cref="SipOriginateMedia.DestinationProgress"/>). A failure of either leg, a BYE from
/// either side or CtiCore's hang-up ends both legs: BYE where a dialog stands, CANCEL where it still rings.
/// </summary>
public sealed partial class SipB2bua
{
    private readonly ConcurrentDictionary<string, SipOriginatedCall> _originated = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SipOriginatedCall> _originatedByLegCallId = new(StringComparer.Ordinal);

    public int ActiveOriginatedCalls => _originated.Count;

    public SipOriginatedCall? FindOriginated(string callId) => _originated.GetValueOrDefault(callId);

    /// <summary>Calls the agent's phone; the rest is reported to <paramref name="observer"/> (which hears nothing unless this returns Started).</summary>
    public SipOriginateStart Originate(SipOriginateRequest request, ISipOriginateObserver observer)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(observer);
        var agent = Resolve(request.AgentContact);
        if (agent is null || Resolve(request.DestinationTarget) is null)
        {
            return SipOriginateStart.Unreachable;
        }
        if (_relay is null)
        {
            return SipOriginateStart.NoRelay;
        }
        if (_calls.ContainsKey(request.CallId) || _originated.ContainsKey(request.CallId))
        {
            return SipOriginateStart.AlreadyInProgress;
        }
        var media = SipOriginateMedia.TryOpen(_relay, _time, request.CallId);
        if (media is null)
        {
            return SipOriginateStart.NoMediaPorts;
        }
        // Nothing rings yet and then the agent talks to a ringing destination: no media timeout until the answer.
        media.Session.AwaitingAnswer = true;
        var call = new SipOriginatedCall(request, observer) { Media = media };
        if (!_originated.TryAdd(request.CallId, call))
        {
            _ = media.DisposeAsync().AsTask();
            return SipOriginateStart.AlreadyInProgress;
        }
        lock (call.Gate)
        {
            call.AgentLeg = PlaceOriginateLeg(call, request.AgentContact, request.AgentFlow, request.AgentUser, request.AgentLabel,
                fromUser: request.Number, fromDisplay: request.Number, media.OfferToAgent(), request.AgentRingTimeout);
        }
        return SipOriginateStart.Started;
    }

    /// <summary>Ends a click-to-call from CtiCore's side: BYE to answered legs, CANCEL to ringing ones. False when there is none.</summary>
    public bool HangupOriginated(string callId)
    {
        if (!_originated.TryGetValue(callId, out var call))
        {
            return false;
        }
        lock (call.Gate)
        {
            if (call.IsEnded)
            {
                return false;
            }
            ReleaseOriginateLeg(call.AgentLeg);
            ReleaseOriginateLeg(call.DestinationLeg);
            ReleaseOriginateLeg(call.TransferLeg);
        }
        EndOriginated(call, SipOriginateEndReason.HungUpByCommand);
        return true;
    }

    /// <summary>An in-dialog request on one of a click-to-call's legs; false when the Call-ID is not one of them.</summary>
    private bool OnOriginatedRequest(SipServerRequest request)
    {
        var message = request.Message;
        if (!_originatedByLegCallId.TryGetValue(message.CallId, out var call))
        {
            return false;
        }
        var fromAgent = call.AgentLeg?.CallId == message.CallId;
        switch (message.Method)
        {
            case SipMethod.Bye:
                request.Respond(200);
                OnOriginateBye(call, fromAgent);
                break;
            case SipMethod.Invite:
                OnOriginateReInvite(call, request, fromAgent);
                break;
            case SipMethod.Refer:
                OnOriginateRefer(call, request, fromAgent); // SipB2bua.OriginateTransfer.cs
                break;
            default:
                request.Respond(message.Method == SipMethod.Options ? 200 : 405);
                break;
        }
        return true;
    }

    /// <param name="flow">The connection the phone registered over, if any: see <see cref="LegDestination"/>.</param>
    private SipB2buaLeg PlaceOriginateLeg(SipOriginatedCall call, SipUri target, SipRemote? flow, string user, string label,
        string fromUser, string? fromDisplay, byte[] offer, TimeSpan ringTimeout)
    {
        var local = Endpoint.LocalSentBy;
        var destination = LegDestination(target, flow);
        var display = string.IsNullOrEmpty(fromDisplay) ? string.Empty : $"\"{SafeUser(fromDisplay)}\" ";
        var invite = SipMessageBuilder.Request(SipMethod.Invite, target.Text)
            .Add(SipHeaderId.Via, ViaTo(destination))
            .Add(SipHeaderId.MaxForwards, "70")
            .Add(SipHeaderId.From, $"{display}<sip:{SafeUser(fromUser)}@{local}>;tag={SipServerRequest.NewTag()}")
            .Add(SipHeaderId.To, $"<sip:{SafeUser(user)}@{target.Host}>")
            .Add(SipHeaderId.CallId, $"{SipServerRequest.NewTag()}{SipServerRequest.NewTag()}@cticore")
            .Add(SipHeaderId.CSeq, "1 INVITE")
            .Add(SipHeaderId.Contact, ContactTo(destination))
            .Add(SipHeaderId.Allow, SipRequestScreening.AllowHeader)
            .Add(SipHeaderId.UserAgent, Endpoint.Options.ServerName)
            .WithBody("application/sdp", offer)
            .Build();
        var leg = new SipB2buaLeg(user, label, invite, destination);
        _originatedByLegCallId[leg.CallId] = call;
        Endpoint.SendRequest(invite, leg.Destination, transaction =>
        {
            leg.Transaction = transaction;
            transaction.ResponseReceived += (_, response) => OnOriginateLegResponse(call, leg, response);
            // Timer B (§17.1.1.2): no answer at all is an unreachable destination, an unanswered 1xx a ring-out.
            transaction.TimedOut += (_, _) => OnOriginateLegFailed(call, leg, leg.Provisional ? 408 : 503);
            // A phone whose TCP connect is refused is unreachable now (§8.1.3.1), not at the ring timeout.
            transaction.TransportFailed += (_, _) => OnOriginateLegFailed(call, leg, 503);
        });
        if (ringTimeout > TimeSpan.Zero)
        {
            leg.RingTimer = _time.CreateTimer(_ => OnOriginateRingTimeout(call, leg), null, ringTimeout, Timeout.InfiniteTimeSpan);
        }
        return leg;
    }

    private void OnOriginateLegResponse(SipOriginatedCall call, SipB2buaLeg leg, SipMessage response)
    {
        var status = response.StatusCode;
        if (status < 200)
        {
            OnOriginateProvisional(call, leg, response);
            return;
        }
        if (status >= 300)
        {
            OnOriginateLegFailed(call, leg, status);
            return;
        }

        bool isAgent;
        byte[]? destinationOffer = null;
        SipOriginateEndReason? failed = null;
        bool? transferred = null;
        var transferEndsCall = false;
        lock (call.Gate)
        {
            if (leg.Dialog is not null)
            {
                return;
            }
            isAgent = leg == call.AgentLeg;
            var givenUp = leg.Finished || leg.CancelWanted;
            leg.Dialog = SipDialog.CreateAsUac(leg.Invite, response);
            leg.Finished = true;
            leg.RingTimer?.Dispose();
            Endpoint.SendStateless(BuildAck(leg, response), leg.Destination);
            if (givenUp || call.IsEnded)
            {
                // A leg we had cancelled answered anyway (§9.1 race): take it down.
                SendBye(leg.Dialog, leg.Destination);
                return;
            }
            if (leg == call.TransferLeg)
            {
                transferred = CompleteOriginateTransfer(call, leg, response, out transferEndsCall);
            }
            else if (isAgent)
            {
                destinationOffer = call.Media!.AgentAnswered(response.Body);
                call.AgentAnswered = destinationOffer is not null;
            }
            else
            {
                call.DestinationAnswered = call.Media!.DestinationAnswered(response.Body);
            }
            if (transferred is null && !(isAgent ? call.AgentAnswered : call.DestinationAnswered))
            {
                // An answer the relay cannot carry (no PCMU/PCMA, or not the agent's codec): 488's meaning, both legs go.
                call.LastStatus = 488;
                call.FailedOnAgentLeg = isAgent;
                ReleaseOriginateLeg(call.AgentLeg);
                ReleaseOriginateLeg(call.DestinationLeg);
                failed = SipOriginateEndReason.Failed;
            }
        }
        if (failed is { } reason)
        {
            EndOriginated(call, reason);
            return;
        }
        if (transferred is { } done)
        {
            if (done)
            {
                call.Observer.Transferred(call, leg);
            }
            else if (transferEndsCall)
            {
                EndOriginated(call, SipOriginateEndReason.AgentBye);
            }
            return;
        }
        if (!isAgent)
        {
            call.Observer.Answered(call);
            OnOriginateBridged(call);
            return;
        }
        call.Observer.AgentAnswered(call);
        lock (call.Gate)
        {
            if (call.IsEnded)
            {
                return;
            }
            var request = call.Request;
            call.DestinationLeg = PlaceOriginateLeg(call, request.DestinationTarget, request.DestinationFlow, request.DestinationUser,
                request.DestinationLabel, fromUser: string.IsNullOrEmpty(request.CallerId) ? request.AgentUser : request.CallerId, fromDisplay: null,
                destinationOffer!, request.DialTimeout);
        }
    }

    private void OnOriginateProvisional(SipOriginatedCall call, SipB2buaLeg leg, SipMessage response)
    {
        var status = response.StatusCode;
        bool? agentRinging = null;
        lock (call.Gate)
        {
            leg.Provisional = true;
            if (leg.CancelWanted)
            {
                SendCancel(leg);
                return;
            }
            if (status == 100 || call.IsEnded || leg.Finished)
            {
                return;
            }
            if (leg == call.DestinationLeg)
            {
                // The agent is on the line already: they hear the destination's early media, or a ringing tone.
                call.Media?.DestinationProgress(response.Body);
            }
            if (leg == call.AgentLeg && !call.AgentRingingSent)
            {
                call.AgentRingingSent = true;
                agentRinging = true;
            }
            else if (leg == call.DestinationLeg && !call.DestinationRingingSent)
            {
                call.DestinationRingingSent = true;
                agentRinging = false;
            }
        }
        if (agentRinging is true)
        {
            call.Observer.AgentRinging(call);
        }
        else if (agentRinging is false)
        {
            call.Observer.DestinationRinging(call);
        }
    }

    /// <summary>
    /// A leg's time is up (the agent's ring time, or Cti:Sip:ClickToCallDialSeconds for the number): one that rang is
    /// cancelled (§9.1) and ends as unanswered (408); one that never answered anything at all is abandoned quietly and
    /// ends as unreachable (503, as Timer B would say), now rather than after Timer B's 32 s.
    /// </summary>
    private void OnOriginateRingTimeout(SipOriginatedCall call, SipB2buaLeg leg)
    {
        lock (call.Gate)
        {
            if (leg.Finished || call.IsEnded)
            {
                return;
            }
            leg.CancelWanted = true;
            leg.RangOut = leg.Provisional;
            if (leg.Provisional)
            {
                SendCancel(leg);
            }
        }
        AbandonIfSilent(leg);
        OnOriginateLegFailed(call, leg, leg.RangOut ? 408 : 503);
    }

    private void OnOriginateLegFailed(SipOriginatedCall call, SipB2buaLeg leg, int status)
    {
        SipOriginateEndReason reason;
        lock (call.Gate)
        {
            if (leg.Finished)
            {
                return;
            }
            leg.Finished = true;
            leg.RingTimer?.Dispose();
            if (call.IsEnded)
            {
                return;
            }
            if (leg == call.TransferLeg)
            {
                // The agent (if still there) keeps the number; if it already left, nobody is.
                if (!FailOriginateTransferCore(call, status))
                {
                    return;
                }
                reason = SipOriginateEndReason.AgentBye;
            }
            else if (leg == call.AgentLeg)
            {
                call.LastStatus = status;
                call.FailedOnAgentLeg = true;
                reason = SipOriginateEndReason.AgentUnanswered;
            }
            else
            {
                // The agent is on the line waiting for the destination: hang them up too.
                call.LastStatus = status;
                call.FailedOnAgentLeg = false;
                ReleaseOriginateLeg(call.AgentLeg);
                reason = SipOriginateEndReason.DestinationFailed;
            }
        }
        EndOriginated(call, reason);
    }

    private void OnOriginateBye(SipOriginatedCall call, bool fromAgent)
    {
        lock (call.Gate)
        {
            if (call.IsEnded || (fromAgent && AgentLeftDuringTransfer(call)))
            {
                return;
            }
            var own = fromAgent ? call.AgentLeg : call.DestinationLeg;
            if (own is not null)
            {
                own.Dialog = null; // its BYE ended that dialog: nothing to send it
            }
            ReleaseOriginateLeg(fromAgent ? call.DestinationLeg : call.AgentLeg);
            ReleaseOriginateLeg(call.TransferLeg);
        }
        EndOriginated(call, fromAgent ? SipOriginateEndReason.AgentBye : SipOriginateEndReason.DestinationBye);
    }

    /// <summary>A re-INVITE (hold, resume) from either phone is answered on the relay; the other side needs no new offer.</summary>
    private void OnOriginateReInvite(SipOriginatedCall call, SipServerRequest request, bool fromAgent)
    {
        if (call.IsEnded || call.Media is not { } media || (fromAgent ? call.AgentLeg : call.DestinationLeg)?.Dialog is null)
        {
            request.Respond(491); // §14.1: not ready for a new offer
            return;
        }
        var held = false;
        var answer = request.Message.Body.IsEmpty ? null : media.AnswerReInvite(fromAgent, request.Message.Body, out held);
        if (answer is null)
        {
            request.Respond(488);
            return;
        }
        request.Respond(request.CreateResponse(200).Add(SipHeaderId.Contact, $"<sip:cticore@{Endpoint.LocalSentBy}>").WithBody("application/sdp", answer));
        media.Session.OnHold = held;
        call.Observer.HoldChanged(call, held);
    }

    /// <summary>Under the call's lock: BYE an answered leg, CANCEL a ringing one (§9.1: after its 1xx), leave a finished one.</summary>
    private void ReleaseOriginateLeg(SipB2buaLeg? leg)
    {
        if (leg is null)
        {
            return;
        }
        if (leg.Dialog is { } dialog)
        {
            leg.Dialog = null;
            SendBye(dialog, leg.Destination);
        }
        else if (!leg.Finished && !leg.CancelWanted)
        {
            leg.CancelWanted = true;
            if (leg.Provisional)
            {
                SendCancel(leg);
            }
        }
    }

    /// <summary>From the destination's answer: the media timeout runs and the call is recorded.</summary>
    private void OnOriginateBridged(SipOriginatedCall call)
    {
        if (call.Media?.Session is not { } session)
        {
            return;
        }
        session.AwaitingAnswer = false;
        _ = session.MediaTimedOut.ContinueWith(_ => OnOriginateMediaTimedOut(call), CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        if (_recording is null)
        {
            return;
        }
        lock (call.Gate)
        {
            if (call.IsEnded || call.Recorded)
            {
                return;
            }
            call.Recorded = true;
        }
        session.AttachTap(_recording.Begin(call.Id));
    }

    private void OnOriginateMediaTimedOut(SipOriginatedCall call)
    {
        lock (call.Gate)
        {
            if (call.IsEnded)
            {
                return;
            }
            ReleaseOriginateLeg(call.AgentLeg);
            ReleaseOriginateLeg(call.DestinationLeg);
            ReleaseOriginateLeg(call.TransferLeg);
        }
        EndOriginated(call, SipOriginateEndReason.MediaTimeout);
    }

    private void EndOriginated(SipOriginatedCall call, SipOriginateEndReason reason)
    {
        lock (call.Gate)
        {
            if (call.IsEnded)
            {
                return;
            }
            call.IsEnded = true;
        }
        _originated.TryRemove(call.Id, out _);
        if (call.Recorded)
        {
            call.Media?.Session.AttachTap(null);
            _recording!.Finish(call.Id);
        }
        if (call.Media is { } media)
        {
            call.Media = null;
            _ = media.DisposeAsync().AsTask();
        }
        foreach (var leg in new[] { call.AgentLeg, call.DestinationLeg, call.TransferLeg })
        {
            if (leg is not null)
            {
                leg.RingTimer?.Dispose();
                _originatedByLegCallId.TryRemove(leg.CallId, out _);
            }
        }
        call.Observer.Ended(call, reason);
    }

    /// <summary>§13.2.2.4: a 2xx retransmitted after its transaction ended means our ACK was lost: send it again.</summary>
    private void OnUnmatchedOriginateResponse(SipMessage response, SipRemote remote)
    {
        if (response.StatusCode is < 200 or >= 300 || response.CSeq.Method != SipMethod.Invite
            || !_originatedByLegCallId.TryGetValue(response.CallId, out var call))
        {
            return;
        }
        var leg = call.AgentLeg?.CallId == response.CallId ? call.AgentLeg : call.DestinationLeg;
        if (leg is { Dialog: not null } && leg.CallId == response.CallId && response.CSeq.Number == leg.Invite.CSeq.Number)
        {
            Endpoint.SendStateless(BuildAck(leg, response), leg.Destination);
        }
    }
}
