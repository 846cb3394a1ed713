using CtiCore.Sip.Rtp;

namespace CtiCore.Sip.Tests.Rtp;

/// <summary>
/// A call's media counts read by the call's key, live and after the close, with real UDP sockets on loopback.
/// This class uses RTP ports 47600–47699.
/// </summary>
public sealed class RtpSessionCountersTests
{
    private static readonly byte[] Voice = [.. Enumerable.Range(0, 160).Select(i => (byte)(i * 3))];

    private static RtpRelayOptions Options => new() { PortRangeStart = 47600, PortRangeEnd = 47699, MediaTimeout = TimeSpan.Zero };

    [Fact]
    public async Task A_keyed_session_is_counted_live_and_its_final_counts_stay_readable_after_it_closed()
    {
        await using var relay = new RtpRelay(Options);
        Assert.False(relay.TryGetCounters("call-1", out _));
        Assert.True(relay.TryCreateSession(out var session, key: "call-1"));
        using var caller = new RtpPeer();
        using var agent = new RtpPeer();
        session.Caller.SetRemote(caller.RtpEndPoint, caller.RtcpEndPoint, [0]);
        session.Agent.SetRemote(agent.RtpEndPoint, agent.RtcpEndPoint, [0]);

        const int Sent = 4;
        for (var i = 0; i < Sent; i++)
        {
            caller.SendAudio(session.Caller.LocalRtpEndPoint, Voice);
            await agent.ReceiveRtpAsync();
        }
        agent.SendAudio(session.Agent.LocalRtpEndPoint, Voice);
        await caller.ReceiveRtpAsync();

        await RtpRelayTests.WaitUntil(() => relay.TryGetCounters("call-1", out var live) && live.Caller.PacketsForwarded == Sent && live.Agent.PacketsForwarded == 1);
        Assert.True(relay.TryGetCounters("call-1", out var open));
        Assert.False(open.Closed);

        await session.DisposeAsync();

        Assert.True(relay.TryGetCounters("call-1", out var final));
        Assert.True(final.Closed);
        Assert.Equal(Sent, final.Caller.PacketsReceived);
        Assert.Equal(Sent, final.Caller.PacketsForwarded);
        Assert.Equal(1, final.Agent.PacketsForwarded);
        Assert.Equal(session.Caller.Counters, final.Caller);
        Assert.Equal(0, relay.ActiveSessions);
    }

    [Fact]
    public async Task Only_the_most_recent_closed_sessions_are_remembered_and_unkeyed_ones_never()
    {
        await using var relay = new RtpRelay(Options);
        Assert.True(relay.TryCreateSession(out var unkeyed));
        await unkeyed.DisposeAsync();

        for (var i = 0; i <= RtpRelay.ClosedCountersKept; i++)
        {
            Assert.True(relay.TryCreateSession(out var session, key: "call-" + i));
            await session.DisposeAsync();
        }

        Assert.False(relay.TryGetCounters("call-0", out _)); // the oldest made room for the newest
        Assert.True(relay.TryGetCounters("call-1", out var kept));
        Assert.True(kept.Closed);
        Assert.True(relay.TryGetCounters("call-" + RtpRelay.ClosedCountersKept, out _));
    }
}
