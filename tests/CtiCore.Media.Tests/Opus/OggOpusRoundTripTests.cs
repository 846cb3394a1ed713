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
}
