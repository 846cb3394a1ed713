using System.Net;
using CtiCore.Sip.Dialogs;
using CtiCore.Sip.Endpoint;

namespace CtiCore.Sip.B2bua;

/// <summary>
/// A bridged call: the inbound dialog (we are its UAS) and at most one live agent leg. Its id is the Call-ID of the
/// inbound INVITE, which is also the call grain key (docs/telephony-events.md). Guarded by its own lock.
/// </summary>
public sealed class SipB2buaCall
{
    internal SipB2buaCall(SipServerRequest invite)
    {
        Invite = invite;
        Id = invite.Message.CallId;
        var from = invite.Message.From;
        CallerNumber = from.Uri?.UnescapedUser;
        CallerName = from.DisplayName?.Trim('"');
        DialledNumber = invite.Message.RequestUri.UnescapedUser ?? invite.Message.To.Uri?.UnescapedUser;
        Source = invite.Remote.EndPoint;
    }

    public string Id { get; }

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

    /// <summary>Final status of the last agent leg that failed (486, 408…), for the end cause of a call given up.</summary>
    public int? LastLegStatus { get; internal set; }
}
