namespace CtiCore.Sip.Rtp;

/// <summary>
/// The two G.711 laws (RFC 3551 §4.5.14: PCMU is µ-law, PCMA A-law): the only audio the relay carries, and what the
/// relay itself writes when it plays a tone. Encoding only: this protocol project references nothing of ours,
/// so it cannot borrow CtiCore.Media's codec, and a tone is all it ever produces.
/// </summary>
internal static class G711Encoding
{
    /// <summary>Largest magnitude µ-law codes before its bias of 0x84 would overflow 15 bits (G.711 §2).</summary>
    private const int MuLawClip = 32635;
    private const int MuLawBias = 0x84;

    public static byte Encode(short sample, bool aLaw) => aLaw ? ToALaw(sample) : ToMuLaw(sample);

    /// <summary>µ-law: sign, 3-bit segment (the top set bit of the biased magnitude), 4-bit mantissa, all inverted.</summary>
    public static byte ToMuLaw(short sample)
    {
        var sign = sample < 0 ? 0x80 : 0x00;
        var magnitude = Math.Min(Math.Abs((int)sample), MuLawClip) + MuLawBias;
        var segment = 31 - int.LeadingZeroCount(magnitude) - 7; // bit 7 (the bias) is always reached: 0..7
        var mantissa = (magnitude >> (segment + 3)) & 0x0F;
        return (byte)~(sign | (segment << 4) | mantissa);
    }

    /// <summary>A-law: a 12-bit magnitude, segment 0 linear, then sign set for positive and the even bits inverted (0x55).</summary>
    public static byte ToALaw(short sample)
    {
        var sign = sample >= 0 ? 0x80 : 0x00;
        var magnitude = (sample >= 0 ? sample : -(sample + 1)) >> 3;
        int code;
        if (magnitude < 32)
        {
            code = sign | (magnitude >> 1);
        }
        else
        {
            var segment = 31 - int.LeadingZeroCount(magnitude) - 4; // magnitude 32..4095: segments 1..7
            code = sign | (segment << 4) | ((magnitude >> segment) & 0x0F);
        }
        return (byte)(code ^ 0x55);
    }
}
