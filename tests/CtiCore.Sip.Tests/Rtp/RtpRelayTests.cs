using System.Net;
using System.Net.Sockets;
using CtiCore.Sip.Rtp;
using CtiCore.Sip.Sdp;
using CtiCore.Sip.Tests.Sdp;

namespace CtiCore.Sip.Tests.Rtp;

/// <summary>The relay with real UDP sockets on loopback. This class uses RTP ports 47000–47099.</summary>
public sealed class RtpRelayTests
{
    private static readonly byte[] Voice = [.. Enumerable.Range(0, 160).Select(i => (byte)(i * 7))];

    private static RtpRelayOptions Options(bool latchAny = false) => new()
    {
        PortRangeStart = 47000,
        PortRangeEnd = 47099,
        AllowLatchingFromAnyAddress = latchAny,
        MediaTimeout = TimeSpan.Zero,
    };

    /// <summary>Drives a session the way the B2BUA does: caller offer, relayed offer to the agent, agent answer, answer to the caller.</summary>
    private static void Negotiate(RtpSession session, RtpPeer caller, RtpPeer agent)
    {
        Assert.True(SdpParser.TryParse(SdpSamples.Phone("127.0.0.1", caller.RtpEndPoint.Port), out var callerOffer, out _));
        var origin = SdpOrigin.Create(IPAddress.Loopback);
        var toAgent = SdpOfferAnswer.CreateRelayedOffer(callerOffer, new SdpAnswerOptions { Anchor = session.Agent.AnchorEndPoint, Origin = origin });
        session.Caller.SetRemote(toAgent.RemoteAudio!);
        Assert.True(SdpParser.TryParse(SdpSamples.Phone("127.0.0.1", agent.RtpEndPoint.Port), out var agentAnswer, out _));
        var agentAudio = SdpOfferAnswer.FindAudio(agentAnswer)!;
        session.Agent.SetRemote(agentAudio);
        var toCaller = SdpOfferAnswer.CreateAnswer(callerOffer, new SdpAnswerOptions { Anchor = session.Caller.AnchorEndPoint, Origin = origin, Codecs = agentAudio.Codecs });
        Assert.Equal(session.Caller.AnchorEndPoint.Port, toCaller.Description!.Media[0].Port);
    }

    [Fact]
    public async Task Relays_rtp_both_ways_and_each_peer_only_sees_the_relay()
    {
        await using var relay = new RtpRelay(Options());
        Assert.True(relay.TryCreateSession(out var session));
        await using var _ = session;
        using var caller = new RtpPeer();
        using var agent = new RtpPeer();
        Negotiate(session, caller, agent);

        for (var i = 0; i < 5; i++)
        {
            var sent = caller.SendAudio(session.Caller.LocalRtpEndPoint, Voice);
            var (data, from) = await agent.ReceiveRtpAsync();
            Assert.Equal(sent, data);
            Assert.Equal(session.Agent.LocalRtpEndPoint, from);

            var reply = agent.SendAudio(session.Agent.LocalRtpEndPoint, Voice, payloadType: 8);
            var (back, backFrom) = await caller.ReceiveRtpAsync();
            Assert.Equal(reply, back);
            Assert.Equal(session.Caller.LocalRtpEndPoint, backFrom);
        }

        var counters = await CountersWhen(session.Caller, c => c.PacketsForwarded == 5);
        Assert.Equal(5, counters.PacketsReceived);
        Assert.Equal(5, counters.PacketsForwarded);
        Assert.Equal(5L * (RtpHeader.FixedLength + Voice.Length), counters.BytesForwarded);
        Assert.Equal(0, counters.Dropped);
        Assert.Equal(5, (await CountersWhen(session.Agent, c => c.PacketsForwarded == 5)).PacketsForwarded);
        Assert.Equal(caller.RtpEndPoint, session.Caller.LatchedRtpEndPoint);
    }

    [Fact]
    public async Task Relays_rtcp_on_the_odd_port()
    {
        await using var relay = new RtpRelay(Options());
        Assert.True(relay.TryCreateSession(out var session));
        await using var _ = session;
        using var caller = new RtpPeer();
        using var agent = new RtpPeer();
        // RTCP goes to RTP + 1 unless a=rtcp says otherwise; here the peers' RTCP sockets are elsewhere, so say it.
        session.Caller.SetRemote(caller.RtpEndPoint, caller.RtcpEndPoint, [0]);
        session.Agent.SetRemote(agent.RtpEndPoint, agent.RtcpEndPoint, [0]);
        Assert.Equal(session.Caller.LocalRtpEndPoint.Port + 1, session.Caller.LocalRtcpEndPoint.Port);

        // A receiver report: V=2, RC=0, PT=201, length 1 (two 32-bit words), sender SSRC.
        byte[] report = [0x80, 201, 0, 1, 1, 2, 3, 4];
        caller.Rtcp.SendTo(report, session.Caller.LocalRtcpEndPoint);
        var (data, from) = await RtpPeer.ReceiveAsync(agent.Rtcp);

        Assert.Equal(report, data);
        Assert.Equal(session.Agent.LocalRtcpEndPoint, from);
        Assert.Equal(1, (await CountersWhen(session.Caller, c => c.RtcpForwarded == 1)).RtcpForwarded);
    }

    [Fact]
    public async Task Junk_is_dropped_and_counted_without_stopping_the_relay()
    {
        await using var relay = new RtpRelay(Options());
        Assert.True(relay.TryCreateSession(out var session));
        await using var _ = session;
        using var caller = new RtpPeer();
        using var agent = new RtpPeer();
        Negotiate(session, caller, agent);
        var to = session.Caller.LocalRtpEndPoint;

        var version1 = RtpPeer.Packet(0, 1, 160, 9, Voice);
        version1[0] = 0x40;
        var csrcBeyondEnd = RtpPeer.Packet(0, 2, 320, 9, []);
        csrcBeyondEnd[0] = 0x8F; // 15 CSRCs announced, none present
        var badPadding = RtpPeer.Packet(0, 3, 480, 9, [1, 2, 3]);
        badPadding[0] |= 0x20; // padding flag, and a last octet counting more padding than the packet holds
        badPadding[^1] = 200;
        caller.SendRaw(to, [1, 2, 3]);
        caller.SendRaw(to, version1);
        caller.SendRaw(to, csrcBeyondEnd);
        caller.SendRaw(to, badPadding);
        caller.SendRaw(to, RtpPeer.Packet(18, 4, 640, 9, Voice)); // G.729: not negotiated
        var good = caller.SendAudio(to, Voice);

        var (data, _) = await agent.ReceiveRtpAsync();
        Assert.Equal(good, data); // the first packet to arrive is the valid one: all junk was dropped
        var counters = await CountersWhen(session.Caller, c => c.PacketsForwarded == 1);
        Assert.Equal(4, counters.DroppedMalformed);
        Assert.Equal(1, counters.DroppedPayloadType);
        Assert.Equal(1, counters.PacketsForwarded);
        Assert.Equal(6, counters.PacketsReceived);
    }

    [Fact]
    public async Task Latches_to_the_real_source_port_of_the_announced_host_and_replies_there()
    {
        await using var relay = new RtpRelay(Options());
        Assert.True(relay.TryCreateSession(out var session));
        await using var _ = session;
        using var natted = new RtpPeer(); // the port the phone really sends from
        using var agent = new RtpPeer();
        // The SDP announces another port on the same host (a NAT rewrote it): latching must follow the packets.
        session.Caller.SetRemote(new IPEndPoint(IPAddress.Loopback, 9), null, [0, 8]);
        session.Agent.SetRemote(agent.RtpEndPoint, null, [0, 8]);

        natted.SendAudio(session.Caller.LocalRtpEndPoint, Voice);
        await agent.ReceiveRtpAsync();
        var reply = agent.SendAudio(session.Agent.LocalRtpEndPoint, Voice);
        var (back, _) = await natted.ReceiveRtpAsync();

        Assert.Equal(reply, back);
        Assert.Equal(natted.RtpEndPoint, session.Caller.LatchedRtpEndPoint);

        using var intruder = new RtpPeer(); // same host, other port, after latching: an injection attempt
        intruder.SendAudio(session.Caller.LocalRtpEndPoint, Voice);
        var followUp = natted.SendAudio(session.Caller.LocalRtpEndPoint, Voice);
        var (next, _) = await agent.ReceiveRtpAsync();
        Assert.Equal(followUp, next);
        Assert.Equal(1, session.Caller.Counters.DroppedUnexpectedSource);
    }

    [Fact]
    public async Task A_source_other_than_the_announced_host_is_dropped_unless_latching_from_anywhere_is_allowed()
    {
        foreach (var latchAny in new[] { false, true })
        {
            await using var relay = new RtpRelay(Options(latchAny));
            Assert.True(relay.TryCreateSession(out var session));
            await using var _ = session;
            using var elsewhere = new RtpPeer("127.0.0.2"); // Linux answers on all of 127/8
            using var agent = new RtpPeer();
            session.Caller.SetRemote(new IPEndPoint(IPAddress.Loopback, 4000), null, [0]);
            session.Agent.SetRemote(agent.RtpEndPoint, null, [0]);

            elsewhere.SendAudio(session.Caller.LocalRtpEndPoint, Voice);
            if (latchAny)
            {
                await agent.ReceiveRtpAsync();
                Assert.Equal(elsewhere.RtpEndPoint, session.Caller.LatchedRtpEndPoint);
            }
            else
            {
                await WaitUntil(() => session.Caller.Counters.DroppedUnexpectedSource == 1);
                Assert.Null(session.Caller.LatchedRtpEndPoint);
                Assert.Equal(0, session.Caller.Counters.PacketsForwarded);
            }
        }
    }

    [Fact]
    public async Task Port_pairs_are_even_odd_in_range_and_released_on_hangup()
    {
        var options = Options();
        options.PortRangeStart = 47051; // odd start: the first pair is 47052/47053
        options.PortRangeEnd = 47058;   // room for three pairs only
        await using var relay = new RtpRelay(options);

        Assert.True(relay.TryCreateSession(out var session));
        foreach (var leg in new[] { session.Caller, session.Agent })
        {
            Assert.Equal(0, leg.LocalRtpEndPoint.Port % 2);
            Assert.Equal(leg.LocalRtpEndPoint.Port + 1, leg.LocalRtcpEndPoint.Port);
            Assert.InRange(leg.LocalRtpEndPoint.Port, options.PortRangeStart, options.PortRangeEnd - 1);
            Assert.Equal(IPAddress.Loopback, leg.LocalRtpEndPoint.Address);
        }

        Assert.Equal(2, relay.PortPairsInUse);
        Assert.False(relay.TryCreateSession(out var none)); // one pair left, a session needs two
        Assert.Null(none);
        Assert.Equal(2, relay.PortPairsInUse);

        var held = session.Caller.LocalRtpEndPoint;
        await session.DisposeAsync();
        Assert.Equal(0, relay.PortPairsInUse);
        Assert.Equal(0, relay.ActiveSessions);
        using var rebind = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        rebind.Bind(held); // the socket is really closed
        rebind.Dispose();
        Assert.True(relay.TryCreateSession(out var again));
        await again.DisposeAsync();
    }

    [Fact]
    public async Task Telephone_events_pass_when_negotiated_and_are_not_recorded()
    {
        var tap = new CountingTap();
        await using var relay = new RtpRelay(Options());
        Assert.True(relay.TryCreateSession(out var session, tap));
        await using var _ = session;
        using var caller = new RtpPeer();
        using var agent = new RtpPeer();
        Negotiate(session, caller, agent);

        var dtmf = caller.SendAudio(session.Caller.LocalRtpEndPoint, [5, 0x80, 0, 160], payloadType: 101);
        Assert.Equal(dtmf, (await agent.ReceiveRtpAsync()).Data);
        caller.SendAudio(session.Caller.LocalRtpEndPoint, Voice);
        await agent.ReceiveRtpAsync();

        // The tap is fed after the packet is sent on, so the agent may read it first.
        for (var wait = 0; wait < 500 && tap.Count == 0; wait++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.Equal(1, tap.Count); // only the G.711 packet
    }

    internal static async Task WaitUntil(Func<bool> condition)
    {
        // Bounded so a broken relay fails instead of hanging; the bound is never what a test asserts.
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    private sealed class CountingTap : IRtpRecordingTap
    {
        public int Count;

        public void OnAudio(RtpLegRole leg, in RtpHeader header, ReadOnlySpan<byte> payload) => Interlocked.Increment(ref Count);
    }

    /// <summary>
    /// The relay counts a packet after it has sent it on, so a peer can read the packet before the count moves: the
    /// counters are read once they have settled (or after a few seconds, for the assertions to report).
    /// </summary>
    private static async Task<RtpLegCounters> CountersWhen(RtpLeg leg, Func<RtpLegCounters, bool> settled)
    {
        for (var wait = 0; wait < 500 && !settled(leg.Counters); wait++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        return leg.Counters;
    }
}
