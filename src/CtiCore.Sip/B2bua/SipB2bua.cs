using System.Collections.Concurrent;
using System.Net;
using System.Text;
using CtiCore.Sip.Dialogs;
using CtiCore.Sip.Endpoint;
using CtiCore.Sip.Messages;
using CtiCore.Sip.Registrar;
using CtiCore.Sip.Rtp;
using CtiCore.Sip.Transactions;
using CtiCore.Sip.Transport;

namespace CtiCore.Sip.B2bua;

/// <summary>
/// The back-to-back user agent of the built-in PBX. An inbound INVITE becomes a call the controller decides about;
/// <see cref="RouteTo"/> opens a leg to an agent's registered contact, and the agent's answer is bridged to the caller
/// (the SDP is passed through unchanged: media flows between the two ends). BYE on either side ends both, CANCEL
/// cancels the ringing leg, a re-INVITE is relayed to the other side (hold/resume), a failed leg (486, 408…) leaves
/// the caller waiting for the next decision. Requests it cannot place in a call get 481 (§12.2.2).
/// </summary>
public sealed partial class SipB2bua(TimeProvider? time = null) : ISipRequestHandler
{
    private readonly ConcurrentDictionary<string, SipB2buaCall> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SipB2buaCall> _byCallerCallId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SipB2buaCall> _byLegCallId = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private ISipCallController? _controller;
    private ISipCallRecording? _recording;
    private RtpRelay? _relay;
    private SipEndpoint? _endpoint;

    public int ActiveCalls => _calls.Count;

    private SipEndpoint Endpoint => _endpoint ?? throw new InvalidOperationException("Attach the B2BUA to its endpoint first.");

    private ISipCallController Controller => _controller ?? throw new InvalidOperationException("Attach the B2BUA to its controller first.");

    /// <summary>The endpoint needs its handler at construction, so the B2BUA is given both afterwards.</summary>
    /// <param name="relay">Anchors media (c=/m= rewritten to the relay's ports); null passes the SDP through unchanged.</param>
    /// <param name="recording">Records every answered call with anchored media; null records nothing.</param>
    public void Attach(SipEndpoint endpoint, ISipCallController controller, RtpRelay? relay = null, ISipCallRecording? recording = null)
    {
        _relay = relay;
        _recording = recording;
        _endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
        _controller = controller ?? throw new ArgumentNullException(nameof(controller));
        endpoint.UnmatchedResponse += OnUnmatchedResponse;
        endpoint.UnmatchedResponse += OnUnmatchedOriginateResponse;
        endpoint.UnmatchedResponse += OnLateAnswerToAbandonedLeg;
    }

    public SipB2buaCall? Find(string callId) => _calls.GetValueOrDefault(callId);

    /// <summary>
    /// What the relay counted for the call's media: live while the call lasts, final (<see cref="RtpSessionCounters.Closed"/>)
    /// shortly after it ended, for the relay's last <see cref="RtpRelay.ClosedCountersKept"/> calls. False without anchored media.
    /// </summary>
    public bool TryGetMediaCounters(string callId, out RtpSessionCounters counters)
    {
        counters = default;
        return _relay is { } relay && relay.TryGetCounters(callId, out counters);
    }

    public void OnRequest(SipServerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = request.Message;
        if (message.Method == SipMethod.Invite && message.To.Tag is null)
        {
            OnNewInvite(request);
            return;
        }
        var call = _byCallerCallId.GetValueOrDefault(message.CallId) ?? _byLegCallId.GetValueOrDefault(message.CallId);
        if (call is null)
        {
            if (OnOriginatedRequest(request))
            {
                return; // a leg of a click-to-call (SipB2bua.Originate.cs)
            }
            request.Respond(481);
            return;
        }
        var fromCaller = call.CallerCallId == message.CallId;
        switch (message.Method)
        {
            case SipMethod.Bye:
                request.Respond(200);
                if (!fromCaller && call.Leg?.CallId != message.CallId)
                {
                    // The agent leg a transfer left behind hangs up (RFC 5589 §6): the call goes on without it.
                    DropOldLeg(call, message.CallId);
                    break;
                }
                OnBye(call, fromCaller);
                break;
            case SipMethod.Refer:
                OnRefer(call, request, fromCaller);
                break;
            case SipMethod.Invite:
                OnReInvite(call, request, fromCaller);
                break;
            default:
                request.Respond(message.Method == SipMethod.Options ? 200 : 405);
                break;
        }
    }

    public void OnAck(SipMessage ack, SipRemote remote)
    {
        // The caller's ACK for our 2xx ends its retransmission (the endpoint did that); nothing to relay: we ACKed the agent ourselves.
    }

    public void OnCancelled(SipServerRequest invite)
    {
        ArgumentNullException.ThrowIfNull(invite);
        if (!_byCallerCallId.TryGetValue(invite.Message.CallId, out var call))
        {
            return;
        }
        lock (call.Gate)
        {
            if (call.IsEnded || call.IsAnswered)
            {
                return;
            }
            CancelLeg(call);
        }
        End(call, SipCallEndReason.CallerCancelled);
    }

    /// <summary>
    /// Rings <paramref name="agentUser"/> at its registered <paramref name="contacts"/> (the first that answers a
    /// socket: the most recent binding). Any leg still ringing for this call is cancelled first. False when the call
    /// is gone or answered, or no contact can be reached over UDP.
    /// </summary>
    /// <param name="ringTimeout">How long the leg may ring: then it is cancelled and reported as 408 (no final answer).</param>
    public bool RouteTo(string callId, string agentUser, string endpointLabel, IReadOnlyList<SipBinding> contacts, TimeSpan? ringTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        if (!_calls.TryGetValue(callId, out var call))
        {
            return false;
        }
        var binding = BestBinding(contacts);
        lock (call.Gate)
        {
            if (call.IsEnded || call.IsAnswered)
            {
                return false;
            }
            CancelLeg(call);
            if (binding is null)
            {
                return false;
            }
            RingLeg(call, binding.Contact.Uri!, agentUser, endpointLabel, ringTimeout, binding.Source);
        }
        return true;
    }

    /// <summary>The most recent binding whose contact the B2BUA can reach (an IP literal).</summary>
    public static SipBinding? BestBinding(IReadOnlyList<SipBinding> contacts)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        return contacts.OrderByDescending(b => b.ExpiresAt).FirstOrDefault(b => b.Contact.Uri is { } uri && Resolve(uri) is not null);
    }

    /// <summary>
    /// Where a leg to <paramref name="target"/> goes: over TCP when the phone registered over TCP (<paramref name="flow"/>)
    /// or its Contact says transport=tcp, on the registration's connection while it is open, else on a connection to
    /// the contact; over UDP otherwise.
    /// </summary>
    private SipRemote LegDestination(SipUri target, SipRemote? flow)
    {
        var address = Resolve(target)!;
        var tcp = flow is { Reliable: true } || string.Equals(target.Parameters.Get("transport"), "tcp", StringComparison.OrdinalIgnoreCase);
        if (!tcp || Endpoint.TcpEndPoint is null)
        {
            return new SipRemote(address, SipTransportProtocol.Udp);
        }
        return new SipRemote(address, SipTransportProtocol.Tcp, flow is { Reliable: true } registered ? registered.ConnectionId : 0);
    }

    /// <summary>Sends a new leg's INVITE; call under the call's lock.</summary>
    private SipB2buaLeg RingLeg(SipB2buaCall call, SipUri target, string user, string label, TimeSpan? ringTimeout, SipRemote? flow = null)
    {
        var destination = LegDestination(target, flow);
        var invite = BuildLegInvite(call, target, user, destination);
        var leg = new SipB2buaLeg(user, label, invite, destination);
        call.Leg = leg;
        _byLegCallId[leg.CallId] = call;
        Endpoint.SendRequest(invite, leg.Destination, transaction =>
        {
            leg.Transaction = transaction;
            transaction.ResponseReceived += (_, response) => OnLegResponse(call, leg, response);
            transaction.TimedOut += (_, _) => OnLegFailed(call, leg, 408);
            // A phone that cannot be reached (its TCP connect refused) is told now, as a 503 (§8.1.3.1), not at the ring timeout.
            transaction.TransportFailed += (_, _) => OnLegFailed(call, leg, 503);
        });
        if (ringTimeout is { } timeout && timeout > TimeSpan.Zero)
        {
            leg.RingTimer = _time.CreateTimer(_ => OnRingTimeout(call, leg), null, timeout, Timeout.InfiniteTimeSpan);
        }
        return leg;
    }

    /// <summary>The phone rang out without a final answer: cancel it (§9.1) and report 408 at once, not after Timer B.</summary>
    private void OnRingTimeout(SipB2buaCall call, SipB2buaLeg leg)
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
        OnLegFailed(call, leg, 408);
    }

    /// <summary>
    /// Ends the call from CtiCore's side: BYE to both answered ends; a caller still waiting gets
    /// <paramref name="unansweredStatus"/>, by default what the last agent leg said (486 busy, 408 no final answer), else 480.
    /// </summary>
    public bool Hangup(string callId, int? unansweredStatus = null)
    {
        if (!_calls.TryGetValue(callId, out var call))
        {
            return false;
        }
        lock (call.Gate)
        {
            if (call.IsEnded)
            {
                return false;
            }
            if (call.IsAnswered)
            {
                ByeTransferredLeg(call);
                CancelLeg(call);
                SendBye(call.InboundDialog!, CallerDestination(call));
                if (call.Leg?.Dialog is { } agent)
                {
                    SendBye(agent, call.Leg.Destination);
                }
            }
            else
            {
                CancelLeg(call);
                TryRespond(call.Invite, unansweredStatus ?? call.LastLegStatus switch
                {
                    486 or 600 => 486,
                    408 => 408,
                    _ => 480,
                });
            }
        }
        End(call, SipCallEndReason.HungUpByCommand);
        return true;
    }

    private void OnNewInvite(SipServerRequest request)
    {
        var call = new SipB2buaCall(request);
        if (_calls.ContainsKey(call.Id) || _byCallerCallId.ContainsKey(call.CallerCallId))
        {
            request.Respond(482); // §8.2.2.2: a second INVITE with a Call-ID we hold is a loop or a merge.
            return;
        }
        if (_relay is not null && !request.Message.Body.IsEmpty)
        {
            // An INVITE without an offer (§13.2.1 late offer) is bridged without anchoring.
            call.Media = SipB2buaMedia.TryOpen(_relay, request.Message.Body, tap: null, out var refusal, key: call.Id);
            if (call.Media is null)
            {
                request.Respond(refusal);
                return;
            }
            call.Media.Session.AwaitingAnswer = true;
        }
        if (!_calls.TryAdd(call.Id, call))
        {
            DisposeMedia(call);
            request.Respond(482);
            return;
        }
        _byCallerCallId[call.CallerCallId] = call;
        request.Transaction.Terminated += (_, _) =>
        {
            // Our final response was not 2xx (or the caller never ACKed): nothing is left of the call.
            if (!call.IsAnswered && !call.IsEnded)
            {
                End(call, SipCallEndReason.Failed);
            }
        };
        Controller.Offered(call);
    }

    private void OnLegResponse(SipB2buaCall call, SipB2buaLeg leg, SipMessage response)
    {
        var status = response.StatusCode;
        if (status < 200)
        {
            var ringing = false;
            lock (call.Gate)
            {
                leg.Provisional = true;
                if (leg.CancelWanted)
                {
                    SendCancel(leg);
                    return;
                }
                if (status > 100 && call.Leg == leg && !call.IsEnded && !call.RingingSent)
                {
                    call.RingingSent = true;
                    ringing = true;
                    TryRespond(call.Invite, 180);
                }
            }
            if (ringing)
            {
                Controller.Ringing(call, leg);
            }
            return;
        }
        if (status >= 300)
        {
            OnLegFailed(call, leg, status);
            return;
        }

        var answered = false;
        var transferred = false;
        var transferRefused = false;
        var hangUpCaller = false;
        lock (call.Gate)
        {
            if (leg.Dialog is not null)
            {
                return;
            }
            // A leg already given up (cancelled, rung out, timed out) that answers anyway is not bridged.
            var givenUp = leg.Finished || leg.CancelWanted;
            leg.Dialog = SipDialog.CreateAsUac(leg.Invite, response);
            leg.Finished = true;
            leg.RingTimer?.Dispose();
            Endpoint.SendStateless(BuildAck(leg, response), leg.Destination);
            if (call.Leg == leg && call.Transferring && !call.IsEnded && !givenUp)
            {
                transferred = CompleteTransfer(call, leg, response, out hangUpCaller);
                transferRefused = !transferred;
            }
            else if (givenUp || call.Leg != leg || call.IsEnded || call.IsAnswered)
            {
                // A leg we had cancelled answered anyway (§9.1 race): take it down.
                SendBye(leg.Dialog, leg.Destination);
                return;
            }
            if (call.IsAnswered)
            {
                // Only a transfer's target gets here; the caller's dialog stands.
            }
            else
            {
                AnswerCaller(call, leg, response);
                answered = call.IsAnswered;
            }
        }
        if (answered)
        {
            Controller.Answered(call, leg);
            OnBridged(call);
        }
        else if (transferred)
        {
            Controller.Transferred(call, leg);
        }
        else
        {
            if (transferRefused)
            {
                // The target answered with media the relay cannot carry (488): a refusal of the transfer.
                Controller.LegFailed(call, leg, 488);
            }
            if (hangUpCaller)
            {
                End(call, SipCallEndReason.Failed);
            }
        }
    }

    /// <summary>Under the call's lock: the agent's answer becomes the caller's 200 (with the relay's SDP when anchored).</summary>
    private void AnswerCaller(SipB2buaCall call, SipB2buaLeg leg, SipMessage response)
    {
        var ok = call.Invite.CreateResponse(200).Add(SipHeaderId.Contact, $"<sip:cticore@{Endpoint.LocalSentBy}>");
        if (call.Media is { } media)
        {
            if (media.AnswerToCaller(response.Body) is not { } anchored)
            {
                // The agent answered with nothing the relay can carry: end that leg, the caller keeps waiting.
                SendBye(leg.Dialog!, leg.Destination);
                return;
            }
            ok.WithBody("application/sdp", anchored);
        }
        else if (!response.Body.IsEmpty)
        {
            ok.WithBody(response.GetHeader(SipHeaderId.ContentType) ?? "application/sdp", response.Body.ToArray());
        }
        call.InboundDialog = SipDialog.CreateAsUas(call.Invite.Message, call.Invite.LocalTag);
        TryRespond(call.Invite, ok);
    }

    /// <summary>From the answer on: the media timeout runs, and the call is recorded.</summary>
    private void OnBridged(SipB2buaCall call)
    {
        if (call.Media?.Session is not { } session)
        {
            return;
        }
        session.AwaitingAnswer = false;
        _ = session.MediaTimedOut.ContinueWith(t => OnMediaTimedOut(call, t.Result), CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        if (_recording is not null)
        {
            lock (call.Gate)
            {
                if (call.IsEnded || call.Recorded)
                {
                    return;
                }
                call.Recorded = true;
            }
            session.AttachTap(_recording.Begin(call));
        }
    }

    /// <summary>One side stopped sending RTP outside hold (a crashed phone, a lost network): BYE to both, call over.</summary>
    private void OnMediaTimedOut(SipB2buaCall call, RtpLegRole silent)
    {
        lock (call.Gate)
        {
            if (call.IsEnded)
            {
                return;
            }
            if (call.InboundDialog is { } inbound)
            {
                SendBye(inbound, CallerDestination(call));
            }
            if (call.Leg?.Dialog is { } agent)
            {
                SendBye(agent, call.Leg.Destination);
            }
            call.MediaTimeoutLeg = silent;
        }
        End(call, SipCallEndReason.MediaTimeout);
    }

    private void OnLegFailed(SipB2buaCall call, SipB2buaLeg leg, int status)
    {
        bool? failedTransfer = null;
        lock (call.Gate)
        {
            if (leg.Finished)
            {
                return;
            }
            leg.Finished = true;
            leg.RingTimer?.Dispose();
            _byLegCallId.TryRemove(leg.CallId, out _);
            if (call.Leg != leg || call.IsEnded)
            {
                return;
            }
            call.LastLegStatus = status;
            if (call.Transferring)
            {
                failedTransfer = FailTransferCore(call, status);
            }
        }
        if (failedTransfer is { } hangUp)
        {
            // The target's refusal is reported like any leg's, so whoever was reserved for it is let go.
            Controller.LegFailed(call, leg, status);
            if (hangUp)
            {
                End(call, SipCallEndReason.Failed);
            }
            return;
        }
        if (status != 487)
        {
            Controller.LegFailed(call, leg, status);
        }
    }

    private void OnBye(SipB2buaCall call, bool fromCaller)
    {
        lock (call.Gate)
        {
            if (call.IsEnded)
            {
                return;
            }
            ByeTransferredLeg(call);
            if (fromCaller)
            {
                if (call.Leg?.Dialog is { } agent)
                {
                    SendBye(agent, call.Leg.Destination);
                }
                else
                {
                    CancelLeg(call);
                }
            }
            else if (call.InboundDialog is { } inbound)
            {
                SendBye(inbound, CallerDestination(call));
            }
        }
        End(call, fromCaller ? SipCallEndReason.CallerBye : SipCallEndReason.AgentBye);
    }

    /// <summary>A re-INVITE (hold, resume, codec change) is relayed to the other side and its answer relayed back.</summary>
    private void OnReInvite(SipB2buaCall call, SipServerRequest request, bool fromCaller)
    {
        SipDialog? other;
        SipRemote destination;
        lock (call.Gate)
        {
            other = fromCaller ? call.Leg?.Dialog : call.InboundDialog;
            destination = fromCaller ? call.Leg?.Destination ?? new SipRemote(call.Source, SipTransportProtocol.Udp) : CallerDestination(call);
        }
        if (other is null || call.IsEnded)
        {
            request.Respond(491); // §14.1: not ready for a new offer (the bridge is not up).
            return;
        }
        if (call.Media is { } media)
        {
            var held = false;
            var answered = request.Message.Body.IsEmpty ? null : media.AnswerReInvite(fromCaller, request.Message.Body, out held);
            if (answered is null)
            {
                request.Respond(488);
                return;
            }
            request.Respond(request.CreateResponse(200).Add(SipHeaderId.Contact, $"<sip:cticore@{Endpoint.LocalSentBy}>").WithBody("application/sdp", answered));
            // A held peer may send nothing (RFC 3264 §8.4): the media timeout waits until the call is resumed.
            media.Session.OnHold = held;
            Controller.HoldChanged(call, held);
            return;
        }
        var body = request.Message.Body;
        var relayed = InDialogRequest(other, SipMethod.Invite, destination);
        if (!body.IsEmpty)
        {
            relayed.WithBody(request.Message.GetHeader(SipHeaderId.ContentType) ?? "application/sdp", body.ToArray());
        }
        var built = relayed.Build();
        Endpoint.SendRequest(built, destination, Observe);

        void Observe(SipClientTransaction transaction)
        {
            transaction.ResponseReceived += (_, response) =>
            {
                if (response.StatusCode < 200)
                {
                    return;
                }
                if (response.StatusCode < 300)
                {
                    Endpoint.SendStateless(InDialogAck(other, built, response, destination), destination);
                    Controller.HoldChanged(call, IsHoldOffer(body.Span));
                }
                var answer = request.CreateResponse(response.StatusCode, response.ReasonPhrase);
                if (response.StatusCode < 300)
                {
                    answer.Add(SipHeaderId.Contact, $"<sip:cticore@{Endpoint.LocalSentBy}>");
                }
                if (!response.Body.IsEmpty)
                {
                    answer.WithBody(response.GetHeader(SipHeaderId.ContentType) ?? "application/sdp", response.Body.ToArray());
                }
                TryRespond(request, answer);
            };
            transaction.TimedOut += (_, _) => TryRespond(request, request.CreateResponse(408));
            transaction.TransportFailed += (_, _) => TryRespond(request, request.CreateResponse(503));
        }
    }

    /// <summary>RFC 3264 §8.4 and the RFC 2543 habit: sendonly, inactive or a 0.0.0.0 connection address mean hold.</summary>
    internal static bool IsHoldOffer(ReadOnlySpan<byte> sdp)
    {
        var text = Encoding.ASCII.GetString(sdp);
        return text.Contains("a=sendonly", StringComparison.Ordinal)
            || text.Contains("a=inactive", StringComparison.Ordinal)
            || text.Contains("c=IN IP4 0.0.0.0", StringComparison.Ordinal);
    }

    private void End(SipB2buaCall call, SipCallEndReason reason)
    {
        lock (call.Gate)
        {
            if (call.IsEnded)
            {
                return;
            }
            call.IsEnded = true;
        }
        _calls.TryRemove(call.Id, out _);
        _byCallerCallId.TryRemove(call.CallerCallId, out _);
        if (call.Recorded)
        {
            call.Media?.Session.AttachTap(null);
            _recording!.Finish(call);
        }
        DisposeMedia(call);
        foreach (var leg in new[] { call.Leg, call.TransferredLeg })
        {
            if (leg is not null)
            {
                leg.RingTimer?.Dispose();
                _byLegCallId.TryRemove(leg.CallId, out _);
            }
        }
        Controller.Ended(call, reason);
    }

    private static void DisposeMedia(SipB2buaCall call)
    {
        if (call.Media is { } media)
        {
            call.Media = null;
            _ = media.DisposeAsync().AsTask();
        }
    }

    /// <summary>§9.1: CANCEL only after a provisional response; before one, it is sent when the 1xx arrives.</summary>
    private void CancelLeg(SipB2buaCall call)
    {
        if (call.Leg is not { Finished: false } leg)
        {
            return;
        }
        leg.CancelWanted = true;
        if (leg.Provisional)
        {
            SendCancel(leg);
        }
    }

    private void SendCancel(SipB2buaLeg leg)
    {
        var invite = leg.Invite;
        var cancel = SipMessageBuilder.Request(SipMethod.Cancel, invite.RequestUriText)
            .Add(SipHeaderId.Via, invite.GetHeaderLines(SipHeaderId.Via)[0])
            .Add(SipHeaderId.MaxForwards, "70")
            .Add(SipHeaderId.From, invite.GetHeader(SipHeaderId.From)!)
            .Add(SipHeaderId.To, invite.GetHeader(SipHeaderId.To)!)
            .Add(SipHeaderId.CallId, invite.CallId)
            .Add(SipHeaderId.CSeq, new SipCSeq(invite.CSeq.Number, SipMethod.Cancel).ToString())
            .Build();
        Endpoint.SendRequest(cancel, leg.Destination);
    }

    private void SendBye(SipDialog dialog, SipRemote destination) =>
        Endpoint.SendRequest(InDialogRequest(dialog, SipMethod.Bye, destination).Build(), destination);

    /// <summary>Our top Via for a request sent to <paramref name="to"/>: its transport and our address on it (§18.1.1).</summary>
    private string ViaTo(SipRemote to) =>
        $"SIP/2.0/{(to.Reliable ? "TCP" : "UDP")} {Endpoint.LocalSentByFor(to.Protocol)};branch={SipEndpoint.NewBranch()};rport";

    /// <summary>Our Contact for a peer reached over <paramref name="to"/>'s transport, so its requests come back the same way.</summary>
    private string ContactTo(SipRemote to) =>
        to.Reliable ? $"<sip:cticore@{Endpoint.LocalSentByFor(to.Protocol)};transport=tcp>" : $"<sip:cticore@{Endpoint.LocalSentBy}>";

    private SipMessageBuilder InDialogRequest(SipDialog dialog, string method, SipRemote to) =>
        SipMessageBuilder.Request(method, dialog.RemoteTarget.Text)
            .Add(SipHeaderId.Via, ViaTo(to))
            .Add(SipHeaderId.MaxForwards, "70")
            .Add(SipHeaderId.From, $"<{dialog.LocalUri.Text}>;tag={dialog.Id.LocalTag}")
            .Add(SipHeaderId.To, $"<{dialog.RemoteUri.Text}>;tag={dialog.Id.RemoteTag}")
            .Add(SipHeaderId.CallId, dialog.Id.CallId)
            .Add(SipHeaderId.CSeq, new SipCSeq(dialog.NextLocalSequence(), method).ToString())
            .Add(SipHeaderId.Contact, ContactTo(to));

    private SipMessage InDialogAck(SipDialog dialog, SipMessage invite, SipMessage response, SipRemote to) =>
        SipMessageBuilder.Request(SipMethod.Ack, (response.Contacts.Count > 0 ? response.Contacts[0].Uri?.Text : null) ?? dialog.RemoteTarget.Text)
            .Add(SipHeaderId.Via, ViaTo(to))
            .Add(SipHeaderId.MaxForwards, "70")
            .Add(SipHeaderId.From, invite.GetHeader(SipHeaderId.From)!)
            .Add(SipHeaderId.To, response.GetHeader(SipHeaderId.To)!)
            .Add(SipHeaderId.CallId, invite.CallId)
            .Add(SipHeaderId.CSeq, new SipCSeq(invite.CSeq.Number, SipMethod.Ack).ToString())
            .Build();

    private SipMessage BuildLegInvite(SipB2buaCall call, SipUri target, string agentUser, SipRemote destination)
    {
        var local = Endpoint.LocalSentByFor(destination.Protocol);
        var caller = string.IsNullOrEmpty(call.CallerNumber) ? "anonymous" : SafeUser(call.CallerNumber);
        var display = string.IsNullOrEmpty(call.CallerName) ? string.Empty : $"\"{call.CallerName.Replace("\"", string.Empty, StringComparison.Ordinal).Replace("\\", string.Empty, StringComparison.Ordinal)}\" ";
        var builder = SipMessageBuilder.Request(SipMethod.Invite, target.Text)
            .Add(SipHeaderId.Via, ViaTo(destination))
            .Add(SipHeaderId.MaxForwards, "70")
            .Add(SipHeaderId.From, $"{display}<sip:{caller}@{local}>;tag={SipServerRequest.NewTag()}")
            .Add(SipHeaderId.To, $"<sip:{SafeUser(agentUser)}@{local}>")
            .Add(SipHeaderId.CallId, $"{SipServerRequest.NewTag()}{SipServerRequest.NewTag()}@cticore")
            .Add(SipHeaderId.CSeq, "1 INVITE")
            .Add(SipHeaderId.Contact, ContactTo(destination))
            .Add(SipHeaderId.Allow, SipRequestScreening.AllowHeader)
            .Add(SipHeaderId.UserAgent, Endpoint.Options.ServerName);
        var offer = call.Invite.Message;
        if (call.Media is { } media)
        {
            if (media.OfferToAgent() is { } anchored)
            {
                builder.WithBody("application/sdp", anchored);
            }
        }
        else if (!offer.Body.IsEmpty)
        {
            builder.WithBody(offer.GetHeader(SipHeaderId.ContentType) ?? "application/sdp", offer.Body.ToArray());
        }
        return builder.Build();
    }

    private static SipMessage BuildAck(SipB2buaLeg leg, SipMessage response) => BuildAck(leg.Invite, leg.Dialog!, response);

    /// <summary>§13.2.2.4: the ACK of a 2xx is its own transaction, sent to the dialog's remote target.</summary>
    private static SipMessage BuildAck(SipMessage invite, SipDialog dialog, SipMessage response)
    {
        return SipMessageBuilder.Request(SipMethod.Ack, dialog.RemoteTarget.Text)
            .Add(SipHeaderId.Via, $"SIP/2.0/{invite.TopVia.Transport} {invite.TopVia.SentBy};branch={SipEndpoint.NewBranch()};rport")
            .Add(SipHeaderId.MaxForwards, "70")
            .Add(SipHeaderId.From, invite.GetHeader(SipHeaderId.From)!)
            .Add(SipHeaderId.To, response.GetHeader(SipHeaderId.To)!)
            .Add(SipHeaderId.CallId, invite.CallId)
            .Add(SipHeaderId.CSeq, new SipCSeq(invite.CSeq.Number, SipMethod.Ack).ToString())
            .Build();
    }

    /// <summary>§13.2.2.4: a 2xx retransmitted after its transaction ended means our ACK was lost: send it again.</summary>
    private void OnUnmatchedResponse(SipMessage response, SipRemote remote)
    {
        if (response.StatusCode is < 200 or >= 300 || response.CSeq.Method != SipMethod.Invite
            || !_byLegCallId.TryGetValue(response.CallId, out var call) || call.Leg is not { Dialog: not null } leg || leg.CallId != response.CallId
            || response.CSeq.Number != leg.Invite.CSeq.Number)
        {
            return;
        }
        Endpoint.SendStateless(BuildAck(leg, response), leg.Destination);
    }

    /// <summary>Where to send requests to the caller: its Contact when that is an IP literal, else where the INVITE came from.</summary>
    private static SipRemote CallerDestination(SipB2buaCall call) =>
        new(call.InboundDialog is { } dialog && Resolve(dialog.RemoteTarget) is { } contact ? contact : call.Source, SipTransportProtocol.Udp);

    /// <summary>Only IP literals: the built-in PBX does not resolve names (a phone registers the address it has).</summary>
    private static IPEndPoint? Resolve(SipUri uri) =>
        IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address)
            ? new IPEndPoint(address, uri.Port ?? 5060)
            : null;

    private static string SafeUser(string user)
    {
        var clean = new StringBuilder(user.Length);
        foreach (var c in user)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.' or '_' or '*' or '#')
            {
                clean.Append(c);
            }
        }
        return clean.Length == 0 ? "anonymous" : clean.ToString(0, Math.Min(clean.Length, 64));
    }

    private static void TryRespond(SipServerRequest request, int status) => TryRespond(request, request.CreateResponse(status));

    private static void TryRespond(SipServerRequest request, SipMessageBuilder response)
    {
        try
        {
            request.Respond(response);
        }
        catch (InvalidOperationException)
        {
            // The transaction already has its final response (a CANCEL or a timeout got there first).
        }
    }
}
