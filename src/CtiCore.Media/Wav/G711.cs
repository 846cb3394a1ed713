namespace CtiCore.Media.Wav;

/// <summary>
/// ITU-T G.711 companding. Decoding goes through two 256-entry tables built once from the segment formulas of
/// G.711 §2 (µ-law: biased 8-segment, bias 0x84; A-law: even bits inverted with 0x55). Encoders are for tests,
/// RTP and recordings we write ourselves.
/// </summary>
public static class G711
{
    private const int MuLawBias = 0x84;
    private const int MuLawClip = 32635;

    private static readonly short[] MuLawTable = BuildTable(DecodeMuLawSlow);
    private static readonly short[] ALawTable = BuildTable(DecodeALawSlow);

    public static short MuLawToLinear(byte code) => MuLawTable[code];

    public static short ALawToLinear(byte code) => ALawTable[code];

    public static void MuLawToLinear(ReadOnlySpan<byte> codes, Span<short> linear)
    {
        for (var i = 0; i < codes.Length; i++)
        {
            linear[i] = MuLawTable[codes[i]];
        }
    }

    public static void ALawToLinear(ReadOnlySpan<byte> codes, Span<short> linear)
    {
        for (var i = 0; i < codes.Length; i++)
        {
            linear[i] = ALawTable[codes[i]];
        }
    }

    public static byte LinearToMuLaw(short sample)
    {
        var value = (int)sample;
        var sign = value < 0 ? 0x80 : 0;
        if (value < 0)
        {
            value = -value;
        }

        value = Math.Min(value, MuLawClip) + MuLawBias;
        // The segment is the position of the highest set bit among bits 7..14 of the biased magnitude.
        var exponent = 7;
        for (var mask = 0x4000; (value & mask) == 0 && exponent > 0; mask >>= 1)
        {
            exponent--;
        }

        var mantissa = (value >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    public static byte LinearToALaw(short sample)
    {
        var value = (int)sample;
        // A-law codes positive values with the sign bit set (G.711 Table 1a), then inverts the even bits.
        var sign = value >= 0 ? 0x80 : 0;
        if (value < 0)
        {
            value = Math.Min(-value - 1, 32767);
        }

        value >>= 3; // 13-bit magnitude
        byte code;
        if (value < 32)
        {
            code = (byte)(sign | (value >> 1));
        }
        else
        {
            var exponent = 1;
            while (value >= 64 << (exponent - 1) && exponent < 7)
            {
                exponent++;
            }

            var mantissa = (value >> exponent) & 0x0F;
            code = (byte)(sign | (exponent << 4) | mantissa);
        }

        return (byte)(code ^ 0x55);
    }

    private static short[] BuildTable(Func<byte, short> decode)
    {
        var table = new short[256];
        for (var code = 0; code < 256; code++)
        {
            table[code] = decode((byte)code);
        }

        return table;
    }

    private static short DecodeMuLawSlow(byte code)
    {
        var u = ~code & 0xFF;
        var magnitude = (((u & 0x0F) << 3) + MuLawBias) << ((u & 0x70) >> 4);
        return (short)((u & 0x80) != 0 ? MuLawBias - magnitude : magnitude - MuLawBias);
    }

    private static short DecodeALawSlow(byte code)
    {
        var a = code ^ 0x55;
        var segment = (a & 0x70) >> 4;
        var magnitude = (a & 0x0F) << 4;
        magnitude = segment switch
        {
            0 => magnitude + 8,
            1 => magnitude + 0x108,
            _ => (magnitude + 0x108) << (segment - 1),
        };
        return (short)((a & 0x80) != 0 ? magnitude : -magnitude);
    }
}
