namespace CtiCore.Media.Ogg;

/// <summary>One Ogg page (RFC 3533 §6). The memory is only valid until the reader reads the next page.</summary>
internal readonly record struct OggPage(
    byte HeaderType,
    long GranulePosition,
    uint SerialNumber,
    uint SequenceNumber,
    ReadOnlyMemory<byte> SegmentTable,
    ReadOnlyMemory<byte> Body)
{
    public bool IsContinuation => (HeaderType & 0x01) != 0;

    public bool IsBeginningOfStream => (HeaderType & 0x02) != 0;

    public bool IsEndOfStream => (HeaderType & 0x04) != 0;
}
