using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CtiCore.Sip.Rtp;
using CtiCore.Sip.Tests.Integration;

namespace CtiCore.Sip.Tests.Rtp;

/// <summary>
/// The real sipp plays its own G.711 A-law capture (Debian sip-tester's g711a.pcap) at a callee whose answer points
/// at the relay; every packet must come out of the agent leg unchanged. This class uses RTP ports 47300–47399.
/// </summary>
public sealed class SippPcapRelayTests
{
    private const string Capture = "/usr/share/sip-tester/g711a.pcap";

    [Fact]
    public async Task Sipp_pcap_audio_crosses_the_relay_packet_for_packet()
    {
        var expected = ReadCapturePayloads(Capture);
        Assert.NotEmpty(expected);
        await using var relay = new RtpRelay(new RtpRelayOptions { PortRangeStart = 47300, PortRangeEnd = 47399, MediaTimeout = TimeSpan.Zero });
        Assert.True(relay.TryCreateSession(out var session));
        await using var _ = session;
        using var agent = new RtpPeer();
        session.Agent.SetRemote(agent.RtpEndPoint, null, [8]);
        var callerMediaPort = SippRunner.FreePort();
        session.Caller.SetRemote(new IPEndPoint(IPAddress.Loopback, callerMediaPort), null, [8]);

        var received = new List<byte[]>();
        using var stopReceiving = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var receiving = Task.Run(async () =>
        {
            var buffer = new byte[2048];
            while (received.Count < expected.Count)
            {
                var result = await agent.Rtp.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), stopReceiving.Token);
                received.Add(buffer[RtpHeader.FixedLength..result.ReceivedBytes]);
            }
        }, stopReceiving.Token);

        var scenario = Path.Combine(Path.GetTempPath(), $"uas-anchored-{Guid.NewGuid():N}.xml");
        var template = await File.ReadAllTextAsync(SippRunner.ScenarioPath("rtp/uas-anchored.xml"), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(scenario, template.Replace("RELAY_PORT", session.Caller.AnchorEndPoint.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
            TestContext.Current.CancellationToken);
        var uasPort = SippRunner.FreePort();
        using var uas = StartCallee(scenario, uasPort);
        try
        {
            var (exit, output) = await SippRunner.RunAsync(new IPEndPoint(IPAddress.Loopback, uasPort), "u1", "callee",
                ["-sf", SippRunner.ScenarioPath("rtp/uac-pcap.xml"), "-mp", callerMediaPort.ToString(CultureInfo.InvariantCulture)],
                cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(exit == 0, output);
            await RtpRelayTests.WaitUntil(() => receiving.IsCompleted);
        }
        finally
        {
            await stopReceiving.CancelAsync();
            await Task.WhenAny(receiving); // ends with the cancellation; its outcome is what the asserts below check
            if (!uas.HasExited)
            {
                uas.Kill(entireProcessTree: true);
            }

            File.Delete(scenario);
        }

        Assert.Equal(expected.Count, received.Count);
        Assert.Equal(expected, received);
        var counters = session.Caller.Counters;
        Assert.Equal(expected.Count, counters.PacketsForwarded);
        Assert.Equal(0, counters.Dropped);
        Assert.Equal(IPAddress.Loopback, session.Caller.LatchedRtpEndPoint!.Address);
    }

    private static Process StartCallee(string scenario, int port)
    {
        var start = new ProcessStartInfo(SippRunner.Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-sf", scenario, "-i", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture),
                     "-mp", SippRunner.FreePort().ToString(CultureInfo.InvariantCulture), "-m", "1", "-nostdin", "-timeout", "30s", "-timeout_error" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    /// <summary>The RTP payloads of a classic little-endian pcap of Ethernet/IPv4/UDP frames, in capture order.</summary>
    private static List<byte[]> ReadCapturePayloads(string path)
    {
        var file = File.ReadAllBytes(path);
        Assert.Equal(0xA1B2C3D4u, BinaryPrimitives.ReadUInt32LittleEndian(file));
        var payloads = new List<byte[]>();
        for (var offset = 24; offset + 16 <= file.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 8));
            var frame = file.AsSpan(offset + 16, length);
            var ipHeader = 4 * (frame[14] & 0x0F);
            var rtp = frame[(14 + ipHeader + 8)..];
            Assert.True(RtpHeader.TryRead(rtp, out var header));
            payloads.Add(rtp.Slice(header.HeaderLength, header.PayloadLength).ToArray());
            offset += 16 + length;
        }

        return payloads;
    }
}
