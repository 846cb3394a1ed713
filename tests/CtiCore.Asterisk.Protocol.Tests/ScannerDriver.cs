using System.Buffers;

namespace CtiCore.Asterisk.Protocol.Tests;

/// <summary>
/// Plays the role of a PipeReader loop: data arrives in chunks, the scanner is called until it needs more, consumed
/// bytes are dropped and examined ones are not rescanned. What it returns is what a client would have seen.
/// </summary>
internal static class ScannerDriver
{
    public static ScanResult Run(byte[] data, IReadOnlyList<int> deliveries, int maxPacketBytes = AmiScannerState.DefaultMaxPacketBytes, bool expectBanner = true)
    {
        var state = new AmiScannerState(maxPacketBytes, expectBanner);
        var packets = new List<AmiPacket>();
        var consumedOffset = 0;
        var boundaries = deliveries.Where(d => d > 0 && d < data.Length).Distinct().Order().Append(data.Length).ToList();
        var deliveredBoundaries = new List<int>();
        foreach (var available in boundaries)
        {
            deliveredBoundaries.Add(available);
            while (true)
            {
                // The unconsumed bytes, still split where the socket delivered them.
                var window = data.AsMemory(consumedOffset, available - consumedOffset);
                var buffer = FragmentedSequence.Create(window, [.. deliveredBoundaries.Select(b => b - consumedOffset)]);
                var status = AmiScanner.TryRead(ref state, buffer, out var consumed, out var packet);
                if (status == OperationStatus.InvalidData)
                {
                    return new ScanResult(packets, state.Error, consumedOffset);
                }

                if (status == OperationStatus.NeedMoreData)
                {
                    Assert.Equal(buffer.Start, consumed);
                    break;
                }

                packets.Add(packet!);
                var length = (int)buffer.Slice(buffer.Start, consumed).Length;
                Assert.True(length > 0, "a Done read must consume bytes");
                consumedOffset += length;
            }
        }

        return new ScanResult(packets, null, consumedOffset);
    }

    public static ScanResult OneChunk(byte[] data, int maxPacketBytes = AmiScannerState.DefaultMaxPacketBytes, bool expectBanner = true)
        => Run(data, [], maxPacketBytes, expectBanner);
}

internal sealed record ScanResult(IReadOnlyList<AmiPacket> Packets, AmiException? Error, int ConsumedBytes);
