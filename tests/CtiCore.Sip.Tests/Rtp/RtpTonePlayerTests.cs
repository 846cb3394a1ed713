using CtiCore.Sip.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace CtiCore.Sip.Tests.Rtp;

/// <summary>The relay's tone player on a fake clock, heard by a real socket. This class uses RTP ports 47400–47419.</summary>
public sealed class RtpTonePlayerTests
{
    private const int FrameSamples = 160;

    private static RtpRelayOptions Options => new() { PortRangeStart = 47400, PortRangeEnd = 47419, MediaTimeout = TimeSpan.Zero };

    [Fact]
    public async Task Frames_follow_the_clock_one_per_20_ms_and_a_stall_skips_ahead_instead_of_bursting()
    {
        var clock = new FakeTimeProvider();
        await using var relay = new RtpRelay(Options);
        Assert.True(relay.TryCreateSession(out var session));
        await using var _ = session;
        using var agent = new RtpPeer();
        session.Agent.SetRemote(agent.RtpEndPoint, null, [8]);
        using var player = new RtpTonePlayer(session.Agent, payloadType: 8, aLaw: true, clock);

        for (var i = 0; i < 10; i++)
        {
            clock.Advance(RtpTonePlayer.Frame);
        }
        var steady = await ReceiveAsync(agent, player.FramesSent);
        Assert.InRange(steady.Count, 10, 11); // one per 20 ms (and the one due at the start)
        AssertContinuous(steady);
        Assert.True(steady[0].Marker);

        clock.Advance(TimeSpan.FromSeconds(1)); // a stalled machine: 50 frames late
        var late = await ReceiveAsync(agent, player.FramesSent - steady.Count);

        Assert.InRange(late.Count, 1, 50 / 2); // caught up a few, not the whole second in one burst
        Assert.Equal((ushort)(steady[^1].Sequence + 1), late[0].Sequence); // no packet lost to the receiver's eye
        var skipped = (uint)(late[0].Timestamp - steady[^1].Timestamp);
        Assert.True(skipped > FrameSamples && skipped % FrameSamples == 0, $"timestamp step {skipped}");
        AssertContinuous(late);
        Assert.All(late, p => Assert.False(p.Marker));
    }

    private static void AssertContinuous(List<Heard> packets)
    {
        for (var i = 1; i < packets.Count; i++)
        {
            Assert.Equal((ushort)(packets[i - 1].Sequence + 1), packets[i].Sequence);
            Assert.Equal(packets[i - 1].Timestamp + FrameSamples, packets[i].Timestamp);
            Assert.Equal(packets[0].Ssrc, packets[i].Ssrc);
        }
    }

    private static async Task<List<Heard>> ReceiveAsync(RtpPeer peer, long count)
    {
        var heard = new List<Heard>();
        for (var i = 0; i < count; i++)
        {
            var (packet, _) = await peer.ReceiveRtpAsync();
            Assert.True(RtpHeader.TryRead(packet, out var header));
            Assert.Equal(8, header.PayloadType);
            Assert.Equal(FrameSamples, header.PayloadLength);
            heard.Add(new Heard(header.Marker, header.SequenceNumber, header.Timestamp, header.Ssrc));
        }
        return heard;
    }

    private sealed record Heard(bool Marker, ushort Sequence, uint Timestamp, uint Ssrc);
}
