using System.Buffers;
using System.Text;
using CtiCore.Asterisk.Protocol;

namespace CtiCore.Telephony.Tests.Asterisk;

/// <summary>Reads AMI packets from a recorded capture or from text with the production scanner.</summary>
internal static class AmiCapture
{
    public static IReadOnlyList<AmiPacket> Load(string name)
        => Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "Ami", name)));

    public static IReadOnlyList<AmiPacket> Parse(string text) => Parse(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n")));

    public static IReadOnlyList<AmiPacket> Parse(byte[] bytes)
    {
        var state = new AmiScannerState(AmiScannerState.DefaultMaxPacketBytes, expectBanner: false);
        var packets = new List<AmiPacket>();
        var buffer = new ReadOnlySequence<byte>(bytes);
        while (AmiScanner.TryRead(ref state, buffer, out var consumed, out var packet) == OperationStatus.Done)
        {
            packets.Add(packet!);
            buffer = buffer.Slice(consumed);
        }

        Assert.True(buffer.IsEmpty, "the capture ends with a complete packet");
        return packets;
    }
}
