using System.Buffers;

namespace CtiCore.Asterisk.Protocol;

/// <summary>
/// Resumable, I/O-free AMI framing (the Kestrel HttpParser / RESPite pattern). AMI is line based: CRLF-terminated
/// "Key: Value" lines, a blank line ends a packet, and the very first line of a connection is the banner
/// "Asterisk Call Manager/x.y.z" (Asterisk manager.c, session_do).
/// </summary>
/// <remarks>
/// Contract: pass the buffer that starts where the previous <c>consumed</c> pointed. On
/// <see cref="OperationStatus.NeedMoreData"/> nothing is consumed and everything was examined, so a PipeReader loop calls
/// <c>AdvanceTo(consumed, buffer.End)</c>; on <see cref="OperationStatus.Done"/> one packet is returned and
/// <c>consumed</c> points after it; on <see cref="OperationStatus.InvalidData"/> <see cref="AmiScannerState.Error"/>
/// says why and the connection must be broken: guessing where the next packet starts could pair a response with the
/// wrong action.
/// </remarks>
public static class AmiScanner
{
    private static ReadOnlySpan<byte> BannerPrefix => "Asterisk Call Manager/"u8;

    private static ReadOnlySpan<byte> FollowsLine => "Response: Follows"u8;

    private static ReadOnlySpan<byte> EndCommandLine => "--END COMMAND--"u8;

    public static OperationStatus TryRead(
        ref AmiScannerState state, in ReadOnlySequence<byte> buffer, out SequencePosition consumed, out AmiPacket? packet)
    {
        consumed = buffer.Start;
        packet = null;
        if (state.Error is not null)
        {
            return OperationStatus.InvalidData;
        }

        var reader = new SequenceReader<byte>(buffer);
        var lineStart = state.LineStart;
        reader.Advance(state.ScanOffset);
        while (true)
        {
            if (!reader.TryAdvanceTo((byte)'\n', advancePastDelimiter: true))
            {
                if (buffer.Length > state.MaxPacketBytes)
                {
                    return Fail(ref state, AmiErrorReason.PacketTooLarge,
                        $"AMI packet larger than {state.MaxPacketBytes} bytes without a terminating blank line");
                }

                state.LineStart = lineStart;
                state.ScanOffset = buffer.Length;
                return OperationStatus.NeedMoreData;
            }

            var lineEnd = reader.Consumed;
            if (lineEnd > state.MaxPacketBytes)
            {
                return Fail(ref state, AmiErrorReason.PacketTooLarge,
                    $"AMI packet larger than {state.MaxPacketBytes} bytes");
            }

            var lineLength = lineEnd - lineStart;
            var isBlank = lineLength == 1 || (lineLength == 2 && ByteAt(buffer, lineStart) == (byte)'\r');

            if (state.BannerPending)
            {
                return ReadBanner(ref state, buffer, lineStart, lineEnd, out consumed, out packet);
            }

            if (isBlank)
            {
                if (state.LineCount == 0)
                {
                    // Blank lines between packets carry nothing; skip them.
                    state.PacketStart = lineEnd;
                }
                else if (state.Follows == AmiFollowsMode.InOutput)
                {
                    state.LineCount++;
                }
                else
                {
                    var packetBytes = buffer.Slice(state.PacketStart, lineStart - state.PacketStart);
                    var follows = state.Follows != AmiFollowsMode.None;
                    if (!AmiPacketParser.TryParse(packetBytes, follows, out packet, out var error))
                    {
                        state.Error = error;
                        return OperationStatus.InvalidData;
                    }

                    consumed = buffer.GetPosition(lineEnd);
                    state.PacketsRead++;
                    state.ResetPacket();
                    return OperationStatus.Done;
                }
            }
            else
            {
                if (state.LineCount == 0 && lineLength <= FollowsLine.Length + 2
                    && LineEquals(buffer, lineStart, lineLength, FollowsLine))
                {
                    state.Follows = AmiFollowsMode.InOutput;
                }
                else if (state.Follows == AmiFollowsMode.InOutput && lineLength <= EndCommandLine.Length + 2
                    && LineEquals(buffer, lineStart, lineLength, EndCommandLine))
                {
                    state.Follows = AmiFollowsMode.Ended;
                }

                state.LineCount++;
            }

            lineStart = lineEnd;
        }
    }

    private static OperationStatus ReadBanner(
        ref AmiScannerState state, in ReadOnlySequence<byte> buffer, long lineStart, long lineEnd,
        out SequencePosition consumed, out AmiPacket? packet)
    {
        consumed = buffer.Start;
        packet = null;
        var line = buffer.Slice(lineStart, lineEnd - lineStart).ToArray();
        var length = line.Length - 1;
        if (length > 0 && line[length - 1] == (byte)'\r')
        {
            length--;
        }

        if (!line.AsSpan(0, length).StartsWith(BannerPrefix))
        {
            return Fail(ref state, AmiErrorReason.InvalidBanner,
                "the peer did not greet with \"Asterisk Call Manager/…\": not an AMI port");
        }

        packet = new AmiPacket(AmiPacketKind.Banner, line, [new AmiField(0, -1, 0, length)], 0);
        consumed = buffer.GetPosition(lineEnd);
        state.BannerPending = false;
        state.PacketsRead++;
        state.ResetPacket();
        return OperationStatus.Done;
    }

    private static OperationStatus Fail(ref AmiScannerState state, AmiErrorReason reason, string message)
    {
        state.Error = new AmiException(reason, message);
        return OperationStatus.InvalidData;
    }

    private static byte ByteAt(in ReadOnlySequence<byte> buffer, long offset)
        => buffer.IsSingleSegment ? buffer.FirstSpan[(int)offset] : buffer.Slice(offset, 1).FirstSpan[0];

    /// <summary>True when the line (with its CRLF or LF) holds exactly <paramref name="expected"/>.</summary>
    private static bool LineEquals(in ReadOnlySequence<byte> buffer, long lineStart, long lineLength, ReadOnlySpan<byte> expected)
    {
        Span<byte> line = stackalloc byte[64];
        var slice = buffer.Slice(lineStart, lineLength);
        slice.CopyTo(line);
        var length = (int)lineLength - 1;
        if (length > 0 && line[length - 1] == (byte)'\r')
        {
            length--;
        }

        return System.Text.Ascii.EqualsIgnoreCase(line[..length], expected);
    }
}
