using CtiCore.Media.Capture;
using CtiCore.Media.Wav;
using Microsoft.Extensions.Time.Testing;

namespace CtiCore.Media.Tests.Capture;

/// <summary>Placement of two RTP streams into one stereo WAV, on a fake clock.</summary>
public sealed class StereoCallRecorderTests : IDisposable
{
    private const int Packet = 160; // 20 ms of G.711
    private static readonly byte CallerCode = G711.LinearToMuLaw(1000);
    private static readonly byte AgentCode = G711.LinearToALaw(-2000);
    private static readonly short CallerLevel = G711.MuLawToLinear(CallerCode);
    private static readonly short AgentLevel = G711.ALawToLinear(AgentCode);

    private readonly FakeTimeProvider _clock = new();
    private readonly MemoryStream _wav = new();

    public void Dispose() => _wav.Dispose();

    private StereoCallRecorder NewRecorder() => new(_wav, _clock, leaveOpen: true);

    private static void Send(StereoCallRecorder recorder, CallChannel channel, uint ssrc, uint firstTimestamp, int packets, int skipFrom = -1, int skipCount = 0)
    {
        var (law, code) = channel == CallChannel.Caller ? (G711Law.MuLaw, CallerCode) : (G711Law.ALaw, AgentCode);
        var payload = Enumerable.Repeat(code, Packet).ToArray();
        for (var i = 0; i < packets; i++)
        {
            if (i >= skipFrom && i < skipFrom + skipCount)
            {
                continue; // lost in the network
            }

            recorder.Write(channel, law, ssrc, unchecked(firstTimestamp + (uint)(i * Packet)), payload);
        }
    }

    private (short[] Left, short[] Right) Read()
    {
        _wav.Position = 0;
        using var reader = WavReader.Open(_wav, "memory.wav", leaveOpen: true);
        Assert.Equal(new WavFormat(WavEncoding.Pcm16, 8000, 2), reader.Format);
        Assert.False(reader.HeaderWasUnfinalized);
        var interleaved = new short[reader.FrameCount * 2];
        Assert.Equal(reader.FrameCount, reader.Read(interleaved));
        return ([.. interleaved.Where((_, i) => i % 2 == 0)], [.. interleaved.Where((_, i) => i % 2 == 1)]);
    }

    [Fact]
    public void Two_legs_with_unrelated_timestamp_bases_line_up_caller_left_agent_right()
    {
        using (var recorder = NewRecorder())
        {
            Send(recorder, CallChannel.Caller, ssrc: 1, firstTimestamp: 1000, packets: 10);
            Send(recorder, CallChannel.Agent, ssrc: 2, firstTimestamp: uint.MaxValue - 500, packets: 10); // wraps
            recorder.Complete();
        }

        var (left, right) = Read();
        Assert.Equal(10 * Packet, left.Length);
        Assert.All(left, s => Assert.Equal(CallerLevel, s));
        Assert.All(right, s => Assert.Equal(AgentLevel, s));
    }

    [Fact]
    public void Lost_packets_leave_silence_of_their_length()
    {
        using (var recorder = NewRecorder())
        {
            Send(recorder, CallChannel.Caller, ssrc: 1, firstTimestamp: 0, packets: 10, skipFrom: 5, skipCount: 2);
            recorder.Complete();
        }

        var (left, right) = Read();
        Assert.Equal(10 * Packet, left.Length);
        Assert.All(left[..(5 * Packet)], s => Assert.Equal(CallerLevel, s));
        Assert.All(left[(5 * Packet)..(7 * Packet)], s => Assert.Equal(0, s));
        Assert.All(left[(7 * Packet)..], s => Assert.Equal(CallerLevel, s));
        Assert.All(right, s => Assert.Equal(0, s));
    }

    [Fact]
    public void A_leg_that_starts_later_starts_later_in_the_recording()
    {
        using (var recorder = NewRecorder())
        {
            Send(recorder, CallChannel.Caller, ssrc: 1, firstTimestamp: 0, packets: 50);
            _clock.Advance(TimeSpan.FromMilliseconds(500));
            Send(recorder, CallChannel.Agent, ssrc: 2, firstTimestamp: 777, packets: 10);
            recorder.Complete();
        }

        var (left, right) = Read();
        var agentStart = StereoCallRecorder.SampleRate / 2;
        var agentEnd = agentStart + (10 * Packet);
        Assert.Equal(50 * Packet, right.Length); // the caller's second is the longer
        Assert.All(right[..agentStart], s => Assert.Equal(0, s));
        Assert.All(right[agentStart..agentEnd], s => Assert.Equal(AgentLevel, s));
        Assert.All(right[agentEnd..], s => Assert.Equal(0, s));
        Assert.All(left, s => Assert.Equal(CallerLevel, s));
    }

    [Fact]
    public void Long_recordings_go_to_disk_and_a_packet_later_than_the_window_is_dropped()
    {
        var seconds = 5;
        long late;
        using (var recorder = NewRecorder())
        {
            Send(recorder, CallChannel.Caller, ssrc: 1, firstTimestamp: 0, packets: seconds * 50);
            Assert.True(_wav.Length > 44 + (4 * StereoCallRecorder.SampleRate)); // at least a second written out already
            Send(recorder, CallChannel.Caller, ssrc: 1, firstTimestamp: 0, packets: 1); // a duplicate of the very first packet
            late = recorder.LateSamples;
            recorder.Complete();
        }

        var (left, _) = Read();
        Assert.Equal(Packet, late);
        Assert.Equal(seconds * StereoCallRecorder.SampleRate, left.Length);
        Assert.All(left, s => Assert.Equal(CallerLevel, s));
    }

    [Fact]
    public void A_new_ssrc_on_a_leg_continues_after_its_audio_instead_of_overwriting_it()
    {
        using (var recorder = NewRecorder())
        {
            Send(recorder, CallChannel.Agent, ssrc: 7, firstTimestamp: 5000, packets: 10);
            Send(recorder, CallChannel.Agent, ssrc: 8, firstTimestamp: 123_456, packets: 5); // e.g. after a transfer
            recorder.Complete();
        }

        var (_, right) = Read();
        Assert.Equal(15 * Packet, right.Length);
        Assert.All(right, s => Assert.Equal(AgentLevel, s));
    }
}
