using System.Globalization;
using System.Net;
using System.Text;
using CtiCore.Sip.Rtp;
using CtiCore.Sip.Sdp;

namespace CtiCore.Sip.B2bua;

/// <summary>
/// Media anchoring for a click-to-call. Nobody offered anything yet, so the relay offers first: the agent's phone gets
/// PCMU and PCMA on the relay's agent side; its answer fixes the codec, which is all the destination is offered (on the
/// caller side: the relay does not transcode). The destination plays the caller's part in the relay and the recording.
/// While the destination rings the agent is already on the line: its early media (SDP in a 18x) is relayed to them,
/// and without any the relay plays them a ringing tone (<see cref="RingbackTone"/>) in their law until the answer.
/// </summary>
internal sealed class SipOriginateMedia : IAsyncDisposable
{
    /// <summary>RFC 4733 telephone-event: the dynamic payload type the first offer names for DTMF.</summary>
    internal const int TelephoneEventPayloadType = 101;

    private SdpOrigin _agentOrigin;
    private SdpOrigin _destinationOrigin;
    private readonly TimeProvider _time;
    private IReadOnlyList<SdpRtpMap> _codecs = [SdpRtpMap.Pcmu, SdpRtpMap.Pcma];
    private RtpTonePlayer? _ringback;

    private SipOriginateMedia(RtpSession session, TimeProvider time)
    {
        Session = session;
        _time = time;
        _agentOrigin = SdpOrigin.Create(session.Agent.AnchorEndPoint.Address, time);
        _destinationOrigin = SdpOrigin.Create(session.Caller.AnchorEndPoint.Address, time);
    }

    public RtpSession Session { get; }

    /// <summary>True once the destination's early media is relayed to the agent (then no ringing tone is played).</summary>
    public bool EarlyMedia { get; private set; }

    /// <summary>True while the relay plays the ringing tone to the agent.</summary>
    public bool RingingTone => _ringback is not null;

    /// <param name="key">The call's key, under which <see cref="RtpRelay.TryGetCounters"/> finds its media.</param>
    public static SipOriginateMedia? TryOpen(RtpRelay relay, TimeProvider time, string? key = null) =>
        relay.TryCreateSession(out var session, key: key) ? new SipOriginateMedia(session, time) : null;

    /// <summary>The relay's own offer to the agent's phone.</summary>
    public byte[] OfferToAgent() => Encoding.ASCII.GetBytes(InitialOffer(Session.Agent.AnchorEndPoint, _agentOrigin));

    /// <summary>
    /// An offer made from nothing (RFC 3264 §5): one sendrecv audio stream at <paramref name="anchor"/> with PCMU, PCMA
    /// and telephone-event.
    /// </summary>
    internal static string InitialOffer(IPEndPoint anchor, SdpOrigin origin) => Offer(anchor, origin, [SdpRtpMap.Pcmu, SdpRtpMap.Pcma]);

    /// <summary>An offer of <paramref name="codecs"/> (their G.711 ones) and telephone-event at <paramref name="anchor"/>.</summary>
    private static string Offer(IPEndPoint anchor, SdpOrigin origin, IReadOnlyList<SdpRtpMap> codecs)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        ArgumentNullException.ThrowIfNull(origin);
        var type = SdpOrigin.AddressTypeOf(anchor.Address);
        var dtmf = TelephoneEventPayloadType.ToString(CultureInfo.InvariantCulture);
        var g711 = codecs.Where(c => c.IsEncoding("PCMU", 8000) || c.IsEncoding("PCMA", 8000)).ToList();
        var numbers = string.Join(' ', g711.Select(c => c.PayloadType.ToString(CultureInfo.InvariantCulture)));
        var maps = string.Concat(g711.Select(c => "a=rtpmap:" + c.Value + "\r\n"));
        return string.Create(CultureInfo.InvariantCulture,
            $"v=0\r\no={origin}\r\ns=CtiCore\r\nc=IN {type} {anchor.Address}\r\nt=0 0\r\n"
            + $"m=audio {anchor.Port} RTP/AVP {numbers} {dtmf}\r\n{maps}"
            + $"a=rtpmap:{dtmf} telephone-event/8000\r\na=fmtp:{dtmf} 0-16\r\na=ptime:20\r\na=sendrecv\r\n");
    }

    /// <summary>
    /// The offer to a blind transfer's target, on the relay's agent side: only the codec the call already uses, since
    /// the dialled party keeps its answer and the relay does not transcode (a target without it refuses, 488).
    /// </summary>
    public byte[] OfferToTransferTarget()
    {
        _agentOrigin = _agentOrigin.NextVersion();
        return Encoding.ASCII.GetBytes(Offer(Session.Agent.AnchorEndPoint, _agentOrigin, _codecs));
    }

    /// <summary>The target's answer: the relay's agent side sends to it from now on; false if it is not in the call's codec.</summary>
    public bool TransferTargetAnswered(ReadOnlyMemory<byte> answer)
    {
        if (!SdpParser.TryParse(answer.Span, out var description, out _) || SdpOfferAnswer.FindAudio(description, _codecs) is not { } audio)
        {
            return false;
        }
        Session.Agent.SetRemote(audio);
        return true;
    }

    /// <summary>The agent's answer applied to the relay; returns the offer for the destination, or null if the answer is unusable.</summary>
    public byte[]? AgentAnswered(ReadOnlyMemory<byte> answer)
    {
        if (!SdpParser.TryParse(answer.Span, out var description, out _) || SdpOfferAnswer.FindAudio(description) is not { } agentAudio)
        {
            return null;
        }
        Session.Agent.SetRemote(agentAudio);
        _codecs = agentAudio.Codecs;
        _destinationOrigin = _destinationOrigin.NextVersion();
        var offer = SdpOfferAnswer.CreateRelayedOffer(description, new SdpAnswerOptions
        {
            Anchor = Session.Caller.AnchorEndPoint,
            Origin = _destinationOrigin,
            Codecs = _codecs,
        });
        return offer.Succeeded ? SdpWriter.WriteUtf8(offer.Description!) : null;
    }

    /// <summary>
    /// A provisional response of the destination (180, 183…) while the agent waits on the line. With SDP in the agent's
    /// codec (RFC 3261 §13.2.1: the answer may come early) the relay starts passing its media to the agent, which
    /// replaces any ringing tone; without it (or with SDP the relay cannot carry) the agent hears the ringing tone,
    /// unless early media already flows. Call under the call's lock.
    /// </summary>
    public void DestinationProgress(ReadOnlyMemory<byte> sdp)
    {
        if (!sdp.IsEmpty && SdpParser.TryParse(sdp.Span, out var description, out _) && SdpOfferAnswer.FindAudio(description, _codecs) is { } audio)
        {
            StopRingingTone();
            Session.Caller.SetRemote(audio);
            EarlyMedia = true;
            return;
        }
        if (!EarlyMedia && _ringback is null && AgentLaw() is { } law)
        {
            _ringback = new RtpTonePlayer(Session.Agent, (byte)law.PayloadType, aLaw: law.IsEncoding("PCMA", 8000), _time);
        }
    }

    /// <summary>The destination answered or failed: the ringing tone stops. Call under the call's lock.</summary>
    public void StopRingingTone()
    {
        _ringback?.Dispose();
        _ringback = null;
    }

    /// <summary>The destination's answer applied to the relay; false when it carries none of the agent's codec.</summary>
    public bool DestinationAnswered(ReadOnlyMemory<byte> answer)
    {
        StopRingingTone();
        if (!SdpParser.TryParse(answer.Span, out var description, out _) || SdpOfferAnswer.FindAudio(description, _codecs) is not { } audio)
        {
            return false;
        }
        Session.Caller.SetRemote(audio);
        return true;
    }

    /// <summary>A re-INVITE from one side (hold, resume) answered locally: the relay keeps the other side's media where it was.</summary>
    public byte[]? AnswerReInvite(bool fromAgent, ReadOnlyMemory<byte> offer, out bool held) => fromAgent
        ? SipB2buaMedia.AnswerAtRelay(Session.Agent, ref _agentOrigin, _codecs, offer, out held)
        : SipB2buaMedia.AnswerAtRelay(Session.Caller, ref _destinationOrigin, _codecs, offer, out held);

    /// <summary>The G.711 law the agent's phone chose: the first of its answer's codecs the relay carries.</summary>
    private SdpRtpMap? AgentLaw() => _codecs.FirstOrDefault(c => c.IsEncoding("PCMU", 8000) || c.IsEncoding("PCMA", 8000));

    public ValueTask DisposeAsync()
    {
        StopRingingTone();
        return Session.DisposeAsync();
    }
}
