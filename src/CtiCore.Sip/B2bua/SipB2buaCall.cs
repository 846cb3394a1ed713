using System.Net;
using CtiCore.Sip.Dialogs;
using CtiCore.Sip.Endpoint;

namespace CtiCore.Sip.B2bua;

/// <summary>
/// A bridged call: the inbound dialog (we are its UAS) and at most one live agent leg. Its <see cref="Id"/> is the
/// call grain key (docs/telephony-events.md): the Call-ID of the inbound INVITE when that is a safe key, else a hash
/// of it (<see cref="SipCallKey"/>). Guarded by its own lock.
/// </summary>
public sealed class SipB2buaCall
{
    internal SipB2buaCall(SipServerRequest invite)
    {
        Invite = invite;
        CallerCallId = invite.Message.CallId;
        Id = SipCallKey.From(CallerCallId);
        var from = invite.Message.From;
        CallerNumber = from.Uri?.UnescapedUser;
        CallerName = from.DisplayName?.Trim('"');
        DialledNumber = invite.Message.RequestUri.UnescapedUser ?? invite.Message.To.Uri?.UnescapedUser;
        Source = invite.Remote.EndPoint;
    }

    /// <summary>CtiCore's key of the call (the grain key, the recording's key).</summary>
    public string Id { get; }

    /// <summary>The Call-ID of the inbound dialog, as the caller sent it.</summary>
    public string CallerCallId { get; }

    public string? CallerNumber { get; }

    public string? CallerName { get; }

    public string? DialledNumber { get; }

    /// <summary>Where the INVITE came from (a trunk or a softphone).</summary>
    public IPEndPoint Source { get; }

    public bool IsAnswered => InboundDialog is not null;

    public bool IsEnded { get; internal set; }

    public SipB2buaLeg? Leg { get; internal set; }

    internal object Gate { get; } = new();

    internal SipServerRequest Invite { get; }

    internal SipDialog? InboundDialog { get; set; }

    internal bool RingingSent { get; set; }

    /// <summary>The anchored media, when the B2BUA has a relay.</summary>
    internal SipB2buaMedia? Media { get; set; }

    /// <summary>Set while a blind transfer (REFER or a transfer command) rings its target: the old agent leg may go.</summary>
    internal bool Transferring { get; set; }

    /// <summary>The dialog and destination to NOTIFY with the transfer's progress (RFC 3515 §2.4.4), when a REFER asked.</summary>
    internal SipDialog? Referrer { get; set; }

    internal Transport.SipRemote? ReferrerDestination { get; set; }

    /// <summary>A REFER was accepted (202) and waits for the controller to ring its target.</summary>
    internal bool ReferPending { get; set; }

    /// <summary>The agent leg a transfer is replacing, until the target answers (then it gets BYE) or fails (then it is the leg again).</summary>
    internal SipB2buaLeg? TransferredLeg { get; set; }

    /// <summary>Set once the recording tap is attached, so the recording is stopped exactly once.</summary>
    internal bool Recorded { get; set; }

    /// <summary>The leg that went silent, when the call ended on the media timeout.</summary>
    public Rtp.RtpLegRole? MediaTimeoutLeg { get; internal set; }

    /// <summary>Final status of the last agent leg that failed (486, 408…), for the end cause of a call given up.</summary>
    public int? LastLegStatus { get; internal set; }
}
