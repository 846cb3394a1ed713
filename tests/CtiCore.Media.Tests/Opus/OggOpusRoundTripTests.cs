using CtiCore.Media.Opus;
using CtiCore.Media.Tests.Support;

namespace CtiCore.Media.Tests.Opus;

public sealed class OggOpusRoundTripTests(ITestOutputHelper output)
{
    [Fact]
    public void Sum_of_sines_at_8_kHz_survives_encoding_above_the_SNR_floor()
    {
        const int rate = 8_000;
        var source = Signals.SumOfSines(rate, 3.0, 440, 1_000, 1_900);
        using var file = new MemoryStream();
        using (var writer = OggOpusWriter.Create(file, rate, 1, new OpusEncodingSettings()))
        {
            writer.Write(source);
            writer.Complete();
        }

        file.Position = 0;
        var decoded = new List<short>();
        var info = OggOpusReader.Decode(file, samples => decoded.AddRange(samples));

        Assert.Equal(source.Length, info.FramesDecoded);
        Assert.Equal(rate, info.OutputSampleRate);
        var lag = Signals.BestLag(source, decoded.ToArray(), 64);
        var aligned = decoded.Skip(Math.Max(lag, 0)).ToArray();
        var reference = source.Skip(Math.Max(-lag, 0)).ToArray();
        // Skip the first 100 ms: the encoder starts from silence and converges.
        var snr = Signals.SnrDecibels(reference.AsSpan(800), aligned.AsSpan(800));
        Assert.True(snr > 10, $"SNR {snr:F1} dB at lag {lag}");
        output.WriteLine($"SNR {snr:F1} dB, lag {lag}, bytes {info.Bytes}");
    }

    [Fact]
    public void Raw_libopus_packets_decode_back_to_the_tone()
    {
        var source = Signals.SumOfSines(8000, 1.0, 1000);
        using var encoder = new OpusEncoder(8000, 1, new OpusEncodingSettings());
        using var decoder = new OpusDecoder(8000, 1);
        var packet = new byte[1500];
        var pcm = new short[decoder.MaxFrameSamples];
        var decoded = new List<short>();
        for (var i = 0; i + 160 <= source.Length; i += 160)
        {
            var length = encoder.Encode(source.AsSpan(i, 160), packet);
            Assert.InRange(length, 1, 1500);
            Assert.Equal(960, OpusDecoder.PacketSamplesAt48Khz(packet.AsSpan(0, length)));
            var n = decoder.Decode(packet.AsSpan(0, length), pcm);
            decoded.AddRange(pcm.AsSpan(0, n).ToArray());
        }

        var tail = decoded.ToArray().AsSpan(4000);
        Assert.True(Signals.ToneEnergy(tail, 8000, 1000) > 100 * Signals.ToneEnergy(tail, 8000, 2000));
        Assert.InRange(encoder.Lookahead, 1, 400);
    }
}
