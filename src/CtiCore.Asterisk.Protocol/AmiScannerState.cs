namespace CtiCore.Asterisk.Protocol;

/// <summary>
/// What <see cref="AmiScanner"/> remembers between calls on one connection, so a packet that arrives in many reads is
/// scanned once in total, never again from its start (AsterNET's string re-splitting is quadratic in the chunk size).
/// </summary>
public struct AmiScannerState
{
    /// <summary>Default largest packet: 1 MiB. A full "core show channels" on a busy PBX stays far below it.</summary>
    public const int DefaultMaxPacketBytes = 1024 * 1024;

    public AmiScannerState(int maxPacketBytes = DefaultMaxPacketBytes, bool expectBanner = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPacketBytes, 64);
        MaxPacketBytes = maxPacketBytes;
        BannerPending = expectBanner;
    }

    public int MaxPacketBytes { get; }

    /// <summary>The error that stopped the scanner; once set every further call answers InvalidData.</summary>
    public AmiException? Error { get; internal set; }

    /// <summary>Packets produced so far (banner included).</summary>
    public long PacketsRead { get; internal set; }

    internal bool BannerPending { get; set; }

    /// <summary>Offset (from the start of the caller's buffer) of the first line not yet complete.</summary>
    internal long LineStart { get; set; }

    /// <summary>Offset up to which the current line has been searched for '\n' without finding one.</summary>
    internal long ScanOffset { get; set; }

    /// <summary>Offset where the packet's first non-blank line starts (blank lines between packets are skipped).</summary>
    internal long PacketStart { get; set; }

    internal int LineCount { get; set; }

    internal AmiFollowsMode Follows { get; set; }

    internal void ResetPacket()
    {
        LineStart = 0;
        ScanOffset = 0;
        PacketStart = 0;
        LineCount = 0;
        Follows = AmiFollowsMode.None;
    }
}
