using CtiCore.Asterisk.Protocol.Events;

namespace CtiCore.Asterisk.Protocol.Tests;

/// <summary>The raw bytes one real Asterisk 22.10.1 sent for an answered inbound call (read=all), see TestData/Ami.</summary>
public sealed class CaptureTests
{
    private static readonly byte[] Capture = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "Ami", "inbound-answered-read-all.ami"));

    [Fact]
    public void The_real_capture_holds_88_events_and_the_login_response()
    {
        var result = ScannerDriver.OneChunk(Capture, expectBanner: false);
        Assert.Null(result.Error);
        Assert.Equal(Capture.Length, result.ConsumedBytes);
        Assert.Equal(88, result.Packets.Count(p => p.Kind == AmiPacketKind.Event));
        Assert.Equal(1, result.Packets.Count(p => p.Kind == AmiPacketKind.Response));
        Assert.Equal(47, result.Packets.Count(VarSetEvent.Is));
        Assert.Equal(2, result.Packets.Count(NewchannelEvent.Is));
        Assert.Equal(2, result.Packets.Count(BridgeEnterEvent.Is));
    }

    [Fact]
    public void The_real_capture_reads_the_same_split_at_every_byte()
    {
        // The scanner's state resets after each packet, so splitting the stream at offset k is the same as splitting
        // the packet that holds k at its own offset: every packet is read split at each of its bytes. (Scanning the
        // whole 33 KB stream again for each of its 33,000 splits took a minute for no extra coverage.)
        var whole = ScannerDriver.OneChunk(Capture, expectBanner: false);
        var start = 0;
        var splits = 0;
        foreach (var packet in whole.Packets)
        {
            var end = NextPacketStart(start);
            var bytes = Capture[start..end];
            for (var split = 1; split < bytes.Length; split++, splits++)
            {
                var parts = ScannerDriver.Run(bytes, [split], expectBanner: false);
                Assert.Null(parts.Error);
                var read = Assert.Single(parts.Packets);
                Assert.True(packet.RawBytes.Span.SequenceEqual(read.RawBytes.Span), $"packet at {start} differs when split at {split}");
            }

            start = end;
        }

        Assert.Equal(Capture.Length, start);
        Assert.Equal(Capture.Length - whole.Packets.Count, splits);
    }

    /// <summary>Where the packet starting at <paramref name="start"/> ends: after its terminating blank line.</summary>
    private static int NextPacketStart(int start)
    {
        var end = Capture.AsSpan(start).IndexOf("\r\n\r\n"u8);
        return start + end + 4;
    }

    [Fact]
    public void Typed_events_read_the_capture_fields()
    {
        var packets = ScannerDriver.OneChunk(Capture, expectBanner: false).Packets;
        var hangups = packets.Where(HangupEvent.Is).Select(p => new HangupEvent(p)).ToList();
        Assert.Equal(2, hangups.Count);
        Assert.All(hangups, h => Assert.False(string.IsNullOrEmpty(h.Cause)));
        Assert.All(hangups, h => Assert.False(string.IsNullOrEmpty(h.Linkedid)));

        Assert.True(DialBeginEvent.TryFrom(packets.First(DialBeginEvent.Is), out var dial));
        Assert.StartsWith("PJSIP/trunk-", dial.Channel, StringComparison.Ordinal);
        Assert.StartsWith("PJSIP/101-", dial.DestChannel, StringComparison.Ordinal);
        Assert.Equal(dial.Linkedid, dial.DestLinkedid);

        var mixMonitor = new MixMonitorStartEvent(packets.Single(MixMonitorStartEvent.Is));
        Assert.StartsWith("PJSIP/trunk-", mixMonitor.Channel, StringComparison.Ordinal);
        Assert.False(HangupEvent.TryFrom(packets.First(NewchannelEvent.Is), out _));
    }
}
