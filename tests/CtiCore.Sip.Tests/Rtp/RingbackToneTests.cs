using CtiCore.Media.Wav;
using CtiCore.Sip.Rtp;

namespace CtiCore.Sip.Tests.Rtp;

/// <summary>
/// The ringing tone, encoded in each G.711 law as the relay sends it and decoded by CtiCore.Media's codec: its pitch,
/// level and cadence are measured from the samples and compared with <see cref="RingbackTone"/>'s own constants.
/// </summary>
public sealed class RingbackToneTests
{
    private const int FrameSamples = 160; // 20 ms, as RtpTonePlayer sends it

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Two_cadences_decode_to_the_tone_when_on_and_silence_when_off(bool aLaw)
    {
        var samples = Decode(2 * RingbackTone.CycleSamples, aLaw);

        for (long start = 0; start < samples.Length; start += FrameSamples)
        {
            var frame = samples.AsSpan((int)start, FrameSamples);
            var on = start % RingbackTone.CycleSamples < RingbackTone.OnSamples;
            var peak = Peak(frame);
            if (on)
            {
                // G.711 keeps a sine's peak within a few percent (its step near the peak is ~3%).
                Assert.InRange(peak, RingbackTone.Amplitude * 0.94, RingbackTone.Amplitude * 1.06);
            }
            else
            {
                Assert.True(peak <= 8, $"frame at sample {start} is not silent (peak {peak})");
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Each_second_of_tone_holds_the_tones_frequency_in_whole_cycles(bool aLaw)
    {
        var samples = Decode(2 * RingbackTone.CycleSamples, aLaw);

        for (long cycle = 0; cycle < 2; cycle++)
        {
            var on = samples.AsSpan((int)(cycle * RingbackTone.CycleSamples), (int)RingbackTone.OnSamples);
            var upwardCrossings = 0;
            for (var i = 1; i < on.Length; i++)
            {
                if (on[i - 1] < 0 && on[i] >= 0)
                {
                    upwardCrossings++;
                }
            }
            // One upward zero crossing per period; the second starts on one that the slice does not see.
            var expected = RingbackTone.FrequencyHz * RingbackTone.On.TotalSeconds;
            Assert.InRange(upwardCrossings, expected - 1, expected);
            Assert.True(Goertzel(on, RingbackTone.FrequencyHz) > 100 * Goertzel(on, RingbackTone.FrequencyHz * 2),
                "the energy is not at the tone's frequency");
        }
    }

    [Fact]
    public void The_encoders_agree_with_an_independent_g711_decoder_across_the_range()
    {
        for (var sample = short.MinValue; sample < short.MaxValue; sample += 7)
        {
            // Within half a quantisation step of the segment the sample falls in (at most 1/32 of it, or 16 near zero).
            var tolerance = Math.Max(16, Math.Abs((int)sample) / 16);
            Assert.InRange(G711.MuLawToLinear(G711Encoding.ToMuLaw(sample)), sample - tolerance, sample + tolerance);
            Assert.InRange(G711.ALawToLinear(G711Encoding.ToALaw(sample)), sample - tolerance, sample + tolerance);
        }
    }

    private static short[] Decode(long count, bool aLaw)
    {
        var codes = new byte[count];
        for (long start = 0; start < count; start += FrameSamples)
        {
            RingbackTone.Encode(start, codes.AsSpan((int)start, FrameSamples), aLaw);
        }
        var linear = new short[count];
        if (aLaw)
        {
            G711.ALawToLinear(codes, linear);
        }
        else
        {
            G711.MuLawToLinear(codes, linear);
        }
        return linear;
    }

    private static int Peak(ReadOnlySpan<short> samples)
    {
        var peak = 0;
        foreach (var s in samples)
        {
            peak = Math.Max(peak, Math.Abs((int)s));
        }
        return peak;
    }

    /// <summary>The power of <paramref name="samples"/> at one frequency (the Goertzel recurrence, one DFT bin).</summary>
    private static double Goertzel(ReadOnlySpan<short> samples, double frequency)
    {
        var coefficient = 2 * Math.Cos(2 * Math.PI * frequency / RingbackTone.SampleRate);
        double previous = 0, beforePrevious = 0;
        foreach (var s in samples)
        {
            var current = s + (coefficient * previous) - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        return (previous * previous) + (beforePrevious * beforePrevious) - (coefficient * previous * beforePrevious);
    }
}
