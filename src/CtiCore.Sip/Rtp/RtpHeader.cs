using System.Buffers.Binary;

namespace CtiCore.Sip.Rtp;

/// <summary>
/// The fixed RTP header (RFC 3550 §5.1) read without copying, with the validity checks of RFC 3550 Appendix A.1:
/// version 2, the CSRC list, header extension and padding all inside the datagram.
/// </summary>
public readonly struct RtpHeader
{
    public const int FixedLength = 12;

    private RtpHeader(bool marker, byte payloadType, ushort sequenceNumber, uint timestamp, uint ssrc, int headerLength, int payloadLength)
    {
        Marker = marker;
        PayloadType = payloadType;
        SequenceNumber = sequenceNumber;
        Timestamp = timestamp;
        Ssrc = ssrc;
        HeaderLength = headerLength;
        PayloadLength = payloadLength;
    }

    public bool Marker { get; }

    public byte PayloadType { get; }

    public ushort SequenceNumber { get; }

    public uint Timestamp { get; }

    public uint Ssrc { get; }

    /// <summary>Fixed header, CSRC list and extension: where the payload starts.</summary>
    public int HeaderLength { get; }

    /// <summary>The payload octets, padding excluded.</summary>
    public int PayloadLength { get; }

    public static bool TryRead(ReadOnlySpan<byte> packet, out RtpHeader header)
    {
        header = default;
        if (packet.Length < FixedLength || packet[0] >> 6 != 2)
        {
            return false;
        }

        var length = FixedLength + (4 * (packet[0] & 0x0F));
        if ((packet[0] & 0x10) != 0)
        {
            // RFC 3550 §5.3.1: a 4-octet extension header whose second half counts the 32-bit words that follow.
            if (packet.Length < length + 4)
            {
                return false;
            }

            length += 4 + (4 * BinaryPrimitives.ReadUInt16BigEndian(packet[(length + 2)..]));
        }

        var padding = 0;
        if ((packet[0] & 0x20) != 0)
        {
            padding = packet[^1];
            if (padding == 0)
            {
                return false; // §5.1: the last octet counts itself, so it is at least 1
            }
        }

        if (length + padding > packet.Length)
        {
            return false;
        }

        header = new RtpHeader(
            (packet[1] & 0x80) != 0,
            (byte)(packet[1] & 0x7F),
            BinaryPrimitives.ReadUInt16BigEndian(packet[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[8..]),
            length,
            packet.Length - length - padding);
        return true;
    }

    /// <summary>Writes a 12-octet header (no CSRC, extension or padding); returns its length.</summary>
    public static int Write(Span<byte> destination, byte payloadType, ushort sequenceNumber, uint timestamp, uint ssrc, bool marker = false)
    {
        destination[0] = 0x80;
        destination[1] = (byte)((marker ? 0x80 : 0) | (payloadType & 0x7F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], sequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], ssrc);
        return FixedLength;
    }

    /// <summary>
    /// RFC 3550 Appendix A.2: a compound RTCP packet starts with version 2, no padding and a report type (200 SR,
    /// 201 RR; 202–204 are accepted for reduced-size RTCP, RFC 5506), and its length word fits the datagram.
    /// </summary>
    public static bool IsValidRtcp(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < 8 || packet.Length % 4 != 0 || packet[0] >> 6 != 2 || packet[1] is < 200 or > 204)
        {
            return false;
        }

        return (BinaryPrimitives.ReadUInt16BigEndian(packet[2..]) + 1) * 4 <= packet.Length;
    }
}
