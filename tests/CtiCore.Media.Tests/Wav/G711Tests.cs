using CtiCore.Media.Wav;

namespace CtiCore.Media.Tests.Wav;

public sealed class G711Tests
{
    // Reference values from CPython's audioop (ITU-T G.711 reference code).
    [Theory]
    [InlineData(0x00, -32124)]
    [InlineData(0x01, -31100)]
    [InlineData(0x3C, -2364)]
    [InlineData(0x7F, 0)]
    [InlineData(0x80, 32124)]
    [InlineData(0xFF, 0)]
    public void MuLaw_decodes_like_the_reference(int code, int linear) => Assert.Equal(linear, G711.MuLawToLinear((byte)code));

    [Theory]
    [InlineData(0x00, -5504)]
    [InlineData(0x2A, -32256)]
    [InlineData(0x55, -8)]
    [InlineData(0x7F, -848)]
    [InlineData(0x80, 5504)]
    [InlineData(0xAA, 32256)]
    [InlineData(0xD5, 8)]
    public void ALaw_decodes_like_the_reference(int code, int linear) => Assert.Equal(linear, G711.ALawToLinear((byte)code));

    [Theory]
    [InlineData(0, 0xFF, 0xD5)]
    [InlineData(1000, 0xCE, 0xFA)]
    [InlineData(-1000, 0x4E, 0x7A)]
    [InlineData(32767, 0x80, 0xAA)]
    [InlineData(-32768, 0x00, 0x2A)]
    public void Encoders_match_the_reference(int linear, int mu, int a)
    {
        Assert.Equal(mu, G711.LinearToMuLaw((short)linear));
        Assert.Equal(a, G711.LinearToALaw((short)linear));
    }

    [Fact]
    public void Every_code_survives_decode_then_encode()
    {
        for (var code = 0; code < 256; code++)
        {
            if (code != 0x7F) // µ-law's negative zero encodes back as positive zero (0xFF)
            {
                Assert.Equal(code, G711.LinearToMuLaw(G711.MuLawToLinear((byte)code)));
            }

            Assert.Equal(code, G711.LinearToALaw(G711.ALawToLinear((byte)code)));
        }
    }
}
