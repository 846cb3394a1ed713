using CtiCore.Sip.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace CtiCore.Sip.Tests.Rtp;

/// <summary>Dead-media detection on a fake clock (no sleeping). This class uses RTP ports 47100–47199.</summary>
public sealed class RtpMediaTimeoutTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly byte[] Voice = new byte[160];

    private static RtpRelayOptions Options => new() { PortRangeStart = 47100, PortRangeEnd = 47199, MediaTimeout = Timeout };

    [Fact]
    public async Task The_leg_that_stops_sending_times_the_media_out()
    {
        var clock = new FakeTimeProvider();
        await using var relay = new RtpRelay(Options, clock);
        Assert.True(relay.TryCreateSession(out var session));
        await using var _ = session;
        using var caller = new RtpPeer();
        using var agent = new RtpPeer();
        session.Caller.SetRemote(caller.RtpEndPoint, null, [0]);
        session.Agent.SetRemote(agent.RtpEndPoint, null, [0]);

        clock.Advance(Timeout / 2);
        caller.SendAudio(session.Caller.LocalRtpEndPoint, Voice);
        await agent.ReceiveRtpAsync(); // the caller's packet was seen at half time
        Assert.False(session.MediaTimedOut.IsCompleted);

        clock.Advance(Timeout * 3 / 4); // agent silent for 1.25 × timeout, caller for 0.75 ×
        Assert.Equal(RtpLegRole.Agent, await session.MediaTimedOut);
    }

    [Fact]
    public async Task Hold_suspends_the_timeout_and_resume_restarts_it()
    {
        var clock = new FakeTimeProvider();
        await using var relay = new RtpRelay(Options, clock);
        Assert.True(relay.TryCreateSession(out var session));
        await using var _ = session;

        session.OnHold = true;
        clock.Advance(Timeout * 3);
        Assert.False(session.MediaTimedOut.IsCompleted);

        session.OnHold = false;
        clock.Advance(Timeout / 2);
        Assert.False(session.MediaTimedOut.IsCompleted);
        clock.Advance(Timeout);
        Assert.Equal(RtpLegRole.Caller, await session.MediaTimedOut);
    }
}
