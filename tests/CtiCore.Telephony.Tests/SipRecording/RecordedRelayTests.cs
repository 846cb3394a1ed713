using System.Net;
using System.Net.Sockets;
using CtiCore.Media.Capture;
using CtiCore.Media.Opus;
using CtiCore.Media.Recording;
using CtiCore.Media.Wav;
using CtiCore.Sip.Rtp;
using CtiCore.Telephony.SipRecording;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CtiCore.Telephony.Tests.SipRecording;

/// <summary>
/// A call's audio through the real relay (UDP on loopback) into the recording tap, the stereo WAV and the Opus
/// pipeline. This class uses RTP ports 47200–47299.
/// </summary>
public sealed class RecordedRelayTests : IDisposable
{
    private const int Rate = 8000;
    private const int Packets = 50; // one second of 20 ms packets
    private const double CallerTone = 400;
    private const double AgentTone = 1000;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "cticore-sip-recording-" + Guid.NewGuid().ToString("N"));

    public RecordedRelayTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Relayed_tones_land_on_their_own_channel_and_encode_to_stereo_opus()
    {
        var wavPath = Path.Combine(_root, "call-1.wav");
        var callerCodes = Tone(CallerTone).Select(G711.LinearToMuLaw).ToArray();
        var agentCodes = Tone(AgentTone).Select(G711.LinearToALaw).ToArray();

        // The recorder's clock stands still: both legs' first packets anchor at frame 0, so placement is exact.
        using (var recorder = StereoCallRecorder.Create(wavPath, new FakeTimeProvider()))
        {
            await using var relay = new RtpRelay(new RtpRelayOptions { PortRangeStart = 47200, PortRangeEnd = 47299, MediaTimeout = TimeSpan.Zero });
            Assert.True(relay.TryCreateSession(out var session, new RtpRecordingTap(recorder)));
            await using (session)
            {
                using var caller = Bind();
                using var agent = Bind();
                session.Caller.SetRemote((IPEndPoint)caller.LocalEndPoint!, null, [0]);
                session.Agent.SetRemote((IPEndPoint)agent.LocalEndPoint!, null, [8]);
                for (var i = 0; i < Packets; i++)
                {
                    Send(caller, session.Caller.LocalRtpEndPoint, 0, i, 0x0A0A0A0A, callerCodes);
                    Send(agent, session.Agent.LocalRtpEndPoint, 8, i, 0x0B0B0B0B, agentCodes);
                    await ReceiveAsync(agent); // each packet crossed the relay before the next is sent
                    await ReceiveAsync(caller);
                }
            }

            recorder.Complete();
        }

        short[] left, right;
        using (var reader = WavReader.Open(wavPath))
        {
            Assert.Equal(2, reader.Format.Channels);
            Assert.Equal(Packets * 160, reader.FrameCount);
            var interleaved = new short[reader.FrameCount * 2];
            reader.Read(interleaved);
            left = [.. interleaved.Where((_, i) => i % 2 == 0)];
            right = [.. interleaved.Where((_, i) => i % 2 == 1)];
        }

        Assert.Equal(callerCodes.Select(G711.MuLawToLinear), left);
        Assert.Equal(agentCodes.Select(G711.ALawToLinear), right);

        // The crash-safe pipeline takes the stereo WAV as a mixed source and keeps both channels apart.
        var processor = new RecordingJobProcessor(new RecordingStorageLayout(_root), new FileRecordingJobStore(_root, NullLogger<FileRecordingJobStore>.Instance),
            new OpusEncodingSettings(), TimeProvider.System, NullLogger<RecordingJobProcessor>.Instance);
        var recordedAt = DateTimeOffset.UtcNow;
        var job = await processor.ProcessAsync(new RecordingJob
        {
            Id = "call-1",
            Source = RecordingSource.Mixed(wavPath),
            RecordedAt = recordedAt,
            OutputPath = RecordingStorageLayout.RelativePathFor("call-1", recordedAt),
        }, CancellationToken.None);
        Assert.Equal(RecordingJobState.Done, job.State);

        var decoded = new List<short>();
        var info = OggOpusReader.Decode(Path.Combine(_root, job.OutputPath), samples => decoded.AddRange(samples.ToArray()), Rate);
        Assert.Equal(2, info.Channels);
        var opusLeft = decoded.Where((_, i) => i % 2 == 0).ToArray();
        var opusRight = decoded.Where((_, i) => i % 2 == 1).ToArray();
        Assert.True(Power(opusLeft, CallerTone) > 100 * Power(opusLeft, AgentTone), "the caller's tone dominates the left channel");
        Assert.True(Power(opusRight, AgentTone) > 100 * Power(opusRight, CallerTone), "the agent's tone dominates the right channel");
    }

    private static short[] Tone(double frequency)
        => [.. Enumerable.Range(0, Packets * 160).Select(n => (short)Math.Round(8000 * Math.Sin(2 * Math.PI * frequency * n / Rate)))];

    private static Socket Bind()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private static void Send(Socket from, IPEndPoint to, byte payloadType, int index, uint ssrc, byte[] codes)
    {
        var packet = new byte[RtpHeader.FixedLength + 160];
        RtpHeader.Write(packet, payloadType, (ushort)index, (uint)(index * 160) + ssrc, ssrc); // unrelated timestamp bases per leg
        codes.AsSpan(index * 160, 160).CopyTo(packet.AsSpan(RtpHeader.FixedLength));
        from.SendTo(packet, to);
    }

    private static async Task ReceiveAsync(Socket socket)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10)); // a bound against hanging, not a measurement
        await socket.ReceiveFromAsync(new byte[2048], SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), bound.Token);
    }

    /// <summary>Goertzel: the signal's power at one frequency.</summary>
    private static double Power(short[] samples, double frequency)
    {
        var coefficient = 2 * Math.Cos(2 * Math.PI * frequency / Rate);
        double s1 = 0, s2 = 0;
        foreach (var x in samples)
        {
            var s0 = x + (coefficient * s1) - s2;
            s2 = s1;
            s1 = s0;
        }

        return (s1 * s1) + (s2 * s2) - (coefficient * s1 * s2);
    }
}
