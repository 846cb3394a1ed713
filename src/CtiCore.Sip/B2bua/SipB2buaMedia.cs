using CtiCore.Sip.Rtp;
using CtiCore.Sip.Sdp;

namespace CtiCore.Sip.B2bua;

/// <summary>
/// Media anchoring for one bridged call: an RTP relay session and the SDP rewriting around it. The agent is offered
/// the caller's codecs on the relay's agent-side port; the caller is answered with the agent's choice on the relay's
/// caller-side port. Each side's own re-INVITE (hold, resume, a new address) is answered here: the relay keeps the
/// other side's media where it was, so it needs no new offer.
/// </summary>
internal sealed class SipB2buaMedia : IAsyncDisposable
{
    private readonly SdpSessionDescription _callerOffer;
    private SdpOrigin _callerOrigin;
    private SdpOrigin _agentOrigin;
    private IReadOnlyList<SdpRtpMap> _codecs = [SdpRtpMap.Pcmu, SdpRtpMap.Pcma];

    private SipB2buaMedia(RtpSession session, SdpSessionDescription callerOffer)
    {
        Session = session;
        _callerOffer = callerOffer;
        _callerOrigin = SdpOrigin.Create(session.Caller.AnchorEndPoint.Address);
        _agentOrigin = SdpOrigin.Create(session.Agent.AnchorEndPoint.Address);
    }

    public RtpSession Session { get; }

    /// <summary>Null and the SIP status to refuse the INVITE with: 488 for an offer without PCMU/PCMA, 503 without free ports.</summary>
    public static SipB2buaMedia? TryOpen(RtpRelay relay, ReadOnlyMemory<byte> offer, IRtpRecordingTap? tap, out int refusal, string? key = null)
    {
        refusal = 0;
        if (offer.IsEmpty || !SdpParser.TryParse(offer.Span, out var description, out _) || SdpOfferAnswer.FindAudio(description) is null)
        {
            refusal = 488;
            return null;
        }
        if (!relay.TryCreateSession(out var session, tap, key))
        {
            refusal = 503;
            return null;
        }
        return new SipB2buaMedia(session, description);
    }

    /// <summary>
    /// The caller's offer, anchored on the agent side, for a new agent leg. Once the caller's leg is answered (a
    /// transfer's target), only the codecs that leg uses are offered: the relay does not transcode, and the caller
    /// keeps the answer it already has, so the target must speak the same G.711 law or refuse (488).
    /// </summary>
    public byte[]? OfferToAgent()
    {
        _agentOrigin = _agentOrigin.NextVersion();
        var relayed = SdpOfferAnswer.CreateRelayedOffer(_callerOffer, new SdpAnswerOptions { Anchor = Session.Agent.AnchorEndPoint, Origin = _agentOrigin, Codecs = _codecs });
        if (!relayed.Succeeded)
        {
            return null;
        }
        Session.Caller.SetRemote(relayed.RemoteAudio!);
        return SdpWriter.WriteUtf8(relayed.Description!);
    }

    /// <summary>
    /// The agent's answer applied to the relay; returns the answer to give the caller, or null if it is unusable —
    /// including a transfer target's answer in a codec the caller's leg does not use (one we did not offer it).
    /// </summary>
    public byte[]? AnswerToCaller(ReadOnlyMemory<byte> agentAnswer)
    {
        if (!SdpParser.TryParse(agentAnswer.Span, out var answer, out _) || SdpOfferAnswer.FindAudio(answer, _codecs) is not { } agentAudio)
        {
            return null;
        }
        Session.Agent.SetRemote(agentAudio);
        _codecs = agentAudio.Codecs;
        _callerOrigin = _callerOrigin.NextVersion();
        var toCaller = SdpOfferAnswer.CreateAnswer(_callerOffer, new SdpAnswerOptions { Anchor = Session.Caller.AnchorEndPoint, Origin = _callerOrigin, Codecs = _codecs });
        return toCaller.Succeeded ? SdpWriter.WriteUtf8(toCaller.Description!) : null;
    }

    /// <summary>A re-INVITE from one side answered locally; <paramref name="held"/> says whether it puts the call on hold.</summary>
    public byte[]? AnswerReInvite(bool fromCaller, ReadOnlyMemory<byte> offer, out bool held) => fromCaller
        ? AnswerAtRelay(Session.Caller, ref _callerOrigin, _codecs, offer, out held)
        : AnswerAtRelay(Session.Agent, ref _agentOrigin, _codecs, offer, out held);

    /// <summary>
    /// Answers one side's re-INVITE (hold, resume, a new port) at the relay: <paramref name="leg"/> sends to the new
    /// address, and the other side's media stays where it was, so it is not asked. Null when the offer is unusable.
    /// </summary>
    internal static byte[]? AnswerAtRelay(RtpLeg leg, ref SdpOrigin origin, IReadOnlyList<SdpRtpMap> codecs, ReadOnlyMemory<byte> offer, out bool held)
    {
        held = false;
        if (!SdpParser.TryParse(offer.Span, out var description, out _))
        {
            return null;
        }
        origin = origin.NextVersion();
        var answer = SdpOfferAnswer.CreateAnswer(description, new SdpAnswerOptions { Anchor = leg.AnchorEndPoint, Origin = origin, Codecs = codecs });
        if (!answer.Succeeded)
        {
            return null;
        }
        leg.SetRemote(answer.RemoteAudio!);
        held = SdpOfferAnswer.IsHold(description);
        return SdpWriter.WriteUtf8(answer.Description!);
    }

    public ValueTask DisposeAsync() => Session.DisposeAsync();
}
