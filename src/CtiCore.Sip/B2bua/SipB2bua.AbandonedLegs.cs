using System.Collections.Concurrent;
using CtiCore.Sip.Dialogs;
using CtiCore.Sip.Endpoint;
using CtiCore.Sip.Messages;
using CtiCore.Sip.Transactions;
using CtiCore.Sip.Transport;

namespace CtiCore.Sip.B2bua;

/// <summary>
/// Legs given up before any response. §9.1 forbids a CANCEL then, so the INVITE's transaction is simply ended, but the
/// phone may already have answered: its 200 then arrives for no transaction. Such a leg is remembered for 64 × T1 (as
/// long as a UAS retransmits its 2xx, §13.3.1.4), and a 2xx for it is ACKed and its dialog ended with a BYE, so the
/// phone is not left in a call nobody hears until its own timers give up.
/// </summary>
public sealed partial class SipB2bua
{
    private readonly ConcurrentDictionary<string, AbandonedLeg> _abandonedLegs = new(StringComparer.Ordinal);

    /// <summary>Legs given up without a response that are still watched for a late answer.</summary>
    public int WatchedAbandonedLegs => _abandonedLegs.Count;

    /// <summary>
    /// A leg given up before any response stops retransmitting its INVITE at once (§9.1: no CANCEL without a 1xx).
    /// Outside the call's lock: the transaction raises its responses under its own lock, then takes the call's. If a
    /// 1xx slipped in meanwhile the transaction refuses, and that 1xx sends the CANCEL the leg wants.
    /// </summary>
    private void AbandonIfSilent(SipB2buaLeg leg)
    {
        if (leg.RangOut || leg.Transaction is not InviteClientTransaction invite || !invite.Abandon())
        {
            return;
        }
        var abandoned = new AbandonedLeg(leg.Invite, leg.Destination);
        if (!_abandonedLegs.TryAdd(leg.CallId, abandoned))
        {
            return;
        }
        abandoned.Expiry = _time.CreateTimer(
            _ => Forget(leg.CallId, abandoned), null, Endpoint.Options.Timers.TransactionTimeout, Timeout.InfiniteTimeSpan);
    }

    private void Forget(string callId, AbandonedLeg abandoned)
    {
        if (_abandonedLegs.TryRemove(new KeyValuePair<string, AbandonedLeg>(callId, abandoned)))
        {
            abandoned.Expiry?.Dispose();
        }
    }

    /// <summary>A 2xx for an abandoned leg: ACK it (every retransmission), and BYE each dialog it opened once.</summary>
    private void OnLateAnswerToAbandonedLeg(SipMessage response, SipRemote remote)
    {
        if (response.StatusCode is < 200 or >= 300 || response.CSeq.Method != SipMethod.Invite
            || !_abandonedLegs.TryGetValue(response.CallId, out var abandoned) || response.CSeq.Number != abandoned.Invite.CSeq.Number)
        {
            return;
        }
        SipDialog dialog;
        bool first;
        lock (abandoned)
        {
            var tag = response.To.Tag ?? string.Empty;
            first = !abandoned.Dialogs.TryGetValue(tag, out var known);
            dialog = known ?? SipDialog.CreateAsUac(abandoned.Invite, response);
            abandoned.Dialogs[tag] = dialog;
        }
        Endpoint.SendStateless(BuildAck(abandoned.Invite, dialog, response), abandoned.Destination);
        if (first)
        {
            SendBye(dialog, abandoned.Destination);
        }
    }

    private sealed class AbandonedLeg(SipMessage invite, SipRemote destination)
    {
        public SipMessage Invite { get; } = invite;

        public SipRemote Destination { get; } = destination;

        /// <summary>The dialogs its late 2xx opened, by the answering side's To tag.</summary>
        public Dictionary<string, SipDialog> Dialogs { get; } = new(StringComparer.Ordinal);

        public ITimer? Expiry { get; set; }
    }
}
