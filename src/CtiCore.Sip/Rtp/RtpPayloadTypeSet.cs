namespace CtiCore.Sip.Rtp;

/// <summary>The payload types a leg accepts, as a 128-bit mask (RTP payload types are 7 bits).</summary>
internal readonly struct RtpPayloadTypeSet
{
    private readonly UInt128 _mask;

    private RtpPayloadTypeSet(UInt128 mask) => _mask = mask;

    /// <summary>Before any SDP: the two G.711 static types (RFC 3551 Table 4).</summary>
    public static RtpPayloadTypeSet G711 => Of([0, 8]);

    public static RtpPayloadTypeSet Of(IEnumerable<int> payloadTypes)
    {
        UInt128 mask = 0;
        foreach (var pt in payloadTypes)
        {
            if (pt is >= 0 and <= 127)
            {
                mask |= UInt128.One << pt;
            }
        }

        return new RtpPayloadTypeSet(mask);
    }

    public bool Contains(byte payloadType) => ((_mask >> payloadType) & UInt128.One) != UInt128.Zero;
}
