using System.Text;
using CtiCore.Sip.Endpoint;
using CtiCore.Sip.Messages;

namespace CtiCore.Sip.B2bua;

/// <summary>
/// Blind transfer (RFC 3515, RFC 5589 §6). The agent's phone sends REFER in its dialog with us: it gets 202 and a
/// NOTIFY "100 Trying"; the controller resolves the Refer-To (<see cref="ISipCallController.TransferRequested"/>) and
/// either rings the target (<see cref="TransferTo"/>) or refuses (<see cref="FailTransfer"/>). CtiCore's own transfer
/// command rings the target the same way, without a referrer to notify. Media stays anchored, so the caller needs no
/// re-INVITE: the relay's agent side is pointed at the new phone when it answers. On the answer the referrer gets
/// NOTIFY "200 OK" and a BYE; on a failure it gets the failure in the NOTIFY and keeps the caller. A click-to-call is
/// transferred the same way, the dialled party in the caller's place (SipB2bua.OriginateTransfer.cs).
/// </summary>
public sealed partial class SipB2bua
{
    /// <summary>Rings <paramref name="target"/> for an answered call; the current agent stays on until it answers.</summary>
    public bool TransferTo(string callId, SipUri target, string user, string endpointLabel, TimeSpan? ringTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!_calls.TryGetValue(callId, out var call))
        {
            return TransferOriginated(callId, target, user, endpointLabel, ringTimeout); // a click-to-call's
        }
        if (Resolve(target) is null)
        {
            return false;
        }
        SipB2buaLeg leg;
        lock (call.Gate)
        {
            if (call.IsEnded || !call.IsAnswered || call.Transferring || call.Leg?.Dialog is null)
            {
                return false;
            }
            call.ReferPending = false;
            call.Transferring = true;
            call.TransferredLeg = call.Leg;
            leg = RingLeg(call, target, user, endpointLabel, ringTimeout);
        }
        Controller.TransferRinging(call, leg);
        return true;
    }

    /// <summary>The REFER's target cannot be reached: the referrer is told (NOTIFY with <paramref name="status"/>) and keeps the call.</summary>
    public void FailTransfer(string callId, int status)
    {
        if (!_calls.TryGetValue(callId, out var call))
        {
            FailOriginatedTransfer(callId, status);
            return;
        }
        lock (call.Gate)
        {
            if (call.ReferPending)
            {
                call.ReferPending = false;
                NotifyReferrer(call, status, final: true);
            }
        }
    }

    private void OnRefer(SipB2buaCall call, SipServerRequest request, bool fromCaller)
    {
        var message = request.Message;
        if (ReadReferTarget(request) is not { } target)
        {
            return;
        }
        lock (call.Gate)
        {
            if (fromCaller)
            {
                request.Respond(403, "Only the agent may transfer");
                return;
            }
            if (call.IsEnded || !call.IsAnswered || call.Leg is not { Dialog: { } dialog } leg || leg.CallId != message.CallId)
            {
                request.Respond(481);
                return;
            }
            if (call.Transferring || call.ReferPending)
            {
                request.Respond(491); // a transfer is already under way
                return;
            }
            call.ReferPending = true;
            call.Referrer = dialog;
            call.ReferrerDestination = leg.Destination;
            request.Respond(request.CreateResponse(202).Add(SipHeaderId.Contact, $"<sip:cticore@{Endpoint.LocalSentBy}>"));
            NotifyReferrer(call, 100, final: false);
        }
        Controller.TransferRequested(call, target.UnescapedUser!);
    }

    /// <summary>The REFER's blind-transfer target (a SIP URI with a user part); null once the request was refused (400, 501).</summary>
    private static SipUri? ReadReferTarget(SipServerRequest request)
    {
        var referTo = request.Message.GetHeaderValues(SipHeaderId.ReferTo);
        if (referTo.Count != 1)
        {
            request.Respond(400, referTo.Count == 0 ? "Missing Refer-To" : "More than one Refer-To");
            return null;
        }
        SipUri? target;
        try
        {
            target = SipNameAddress.Parse(referTo[0]).Uri;
        }
        catch (SipRejectedException)
        {
            request.Respond(400, "Bad Refer-To");
            return null;
        }
        if (target is null || !target.IsSip || string.IsNullOrEmpty(target.UnescapedUser))
        {
            request.Respond(400, "Refer-To must be a SIP URI with a user part");
            return null;
        }
        if (target.Headers.Count > 0)
        {
            // Refer-To with ?Replaces= is an attended transfer (RFC 3891), which the built-in PBX does not do.
            request.Respond(501, "Attended transfer is not supported");
            return null;
        }
        return target;
    }

    /// <summary>The target answered (under the call's lock): point the media at it and let the old agent go.</summary>
    private bool CompleteTransfer(SipB2buaCall call, SipB2buaLeg leg, SipMessage response, out bool hangUpCaller)
    {
        hangUpCaller = false;
        if (call.Media is { } media)
        {
            if (media.AnswerToCaller(response.Body) is null)
            {
                // The target answered with nothing the relay can carry for this caller.
                SendBye(leg.Dialog!, leg.Destination);
                hangUpCaller = FailTransferCore(call, 488);
                return false;
            }
        }
        else if (!response.Body.IsEmpty && call.InboundDialog is { } inbound)
        {
            // Not anchored: the caller must be told where the new agent's media is (a re-INVITE with its SDP).
            var destination = CallerDestination(call);
            var reinvite = InDialogRequest(inbound, SipMethod.Invite, destination)
                .WithBody(response.GetHeader(SipHeaderId.ContentType) ?? "application/sdp", response.Body.ToArray()).Build();
            Endpoint.SendRequest(reinvite, destination, transaction => transaction.ResponseReceived += (_, ok) =>
            {
                if (ok.StatusCode is >= 200 and < 300)
                {
                    Endpoint.SendStateless(InDialogAck(inbound, reinvite, ok, destination), destination);
                }
            });
        }
        call.Transferring = false;
        NotifyReferrer(call, 200, final: true);
        if (call.TransferredLeg is { } old)
        {
            if (old.Dialog is { } dialog)
            {
                SendBye(dialog, old.Destination);
            }
            _byLegCallId.TryRemove(old.CallId, out _);
            call.TransferredLeg = null;
        }
        return true;
    }

    /// <summary>
    /// The target did not answer (under the call's lock). The referrer hears why and, if still on the call, has the
    /// caller back; if it already hung up, nobody is left for the caller: true means "hang the caller up".
    /// </summary>
    private bool FailTransferCore(SipB2buaCall call, int status)
    {
        call.Transferring = false;
        NotifyReferrer(call, status, final: true);
        if (call.TransferredLeg is { Dialog: not null } old)
        {
            call.Leg = old;
            call.TransferredLeg = null;
            return false;
        }
        call.TransferredLeg = null;
        if (call.InboundDialog is { } inbound)
        {
            SendBye(inbound, CallerDestination(call));
        }
        return true;
    }

    /// <summary>The transferred-away agent hung up: forget its leg (the call goes on with the caller and the target).</summary>
    private void DropOldLeg(SipB2buaCall call, string legCallId)
    {
        lock (call.Gate)
        {
            if (call.TransferredLeg is { } old && old.CallId == legCallId)
            {
                old.Dialog = null;
                call.Referrer = null;
                _byLegCallId.TryRemove(legCallId, out _);
            }
        }
    }

    /// <summary>Ends what a transfer left behind when the call ends (under the call's lock).</summary>
    private void ByeTransferredLeg(SipB2buaCall call)
    {
        if (call.TransferredLeg is { Dialog: { } dialog } old)
        {
            SendBye(dialog, old.Destination);
            old.Dialog = null;
        }
    }

    /// <summary>RFC 3515 §2.4.4/§2.4.5: the REFER's implicit subscription, its state in a message/sipfrag status line.</summary>
    private void NotifyReferrer(SipB2buaCall call, int status, bool final)
    {
        if (call.Referrer is not { } dialog || call.ReferrerDestination is not { } destination)
        {
            return;
        }
        SendReferNotify(dialog, destination, status, final);
        if (final)
        {
            call.Referrer = null;
            call.ReferrerDestination = null;
        }
    }

    /// <summary>One NOTIFY of a REFER's implicit subscription: <paramref name="status"/> as a sipfrag, terminated when final.</summary>
    private void SendReferNotify(Dialogs.SipDialog dialog, Transport.SipRemote destination, int status, bool final)
    {
        var frag = Encoding.ASCII.GetBytes($"SIP/2.0 {status.ToString(System.Globalization.CultureInfo.InvariantCulture)} {SipReasonPhrases.For(status)}\r\n");
        var notify = InDialogRequest(dialog, SipMethod.Notify, destination)
            .Add(SipHeaderId.Event, "refer")
            .Add("Subscription-State", final ? "terminated;reason=noresource" : "active;expires=60")
            .WithBody("message/sipfrag;version=2.0", frag)
            .Build();
        Endpoint.SendRequest(notify, destination);
    }
}
