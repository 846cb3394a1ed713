namespace CtiCore.Sip.Rtp;

/// <summary>
/// A snapshot of what one leg's peer sent the relay. Received counts every datagram on the RTP port; Forwarded those
/// passed to the other leg; the Dropped* counts say why the rest were not.
/// </summary>
public readonly record struct RtpLegCounters(
    long PacketsReceived,
    long BytesReceived,
    long PacketsForwarded,
    long BytesForwarded,
    long RtcpReceived,
    long RtcpForwarded,
    long DroppedMalformed,
    long DroppedPayloadType,
    long DroppedUnexpectedSource,
    long DroppedNoDestination)
{
    public long Dropped => DroppedMalformed + DroppedPayloadType + DroppedUnexpectedSource + DroppedNoDestination;
}
