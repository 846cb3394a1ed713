namespace CtiCore.Media.Tests.Support;

/// <summary>Deterministic test signals at telephone rates.</summary>
internal static class Signals
{
    /// <summary>A sum of sines inside the telephone band (300–3400 Hz), peak well below clipping.</summary>
    public static short[] SumOfSines(int sampleRate, double seconds, params double[] frequencies)
    {
        var samples = new short[(int)(sampleRate * seconds)];
        var amplitude = 20_000.0 / frequencies.Length;
        for (var n = 0; n < samples.Length; n++)
        {
            var t = (double)n / sampleRate;
            var value = 0.0;
            foreach (var f in frequencies)
            {
                value += amplitude * Math.Sin(2 * Math.PI * f * t);
            }

            samples[n] = (short)Math.Round(value);
        }

        return samples;
    }

    /// <summary>
    /// Speech-like audio without a corpus: a glottal pulse train with drifting pitch through two formant resonators,
    /// gated into syllables and pauses. Good enough to exercise SILK's voiced/unvoiced paths and VBR.
    /// </summary>
    public static short[] SpeechLike(int sampleRate, double seconds, int seed = 1)
    {
        var random = new Random(seed);
        var samples = new short[(int)(sampleRate * seconds)];
        double phase = 0, y1a = 0, y2a = 0, y1b = 0, y2b = 0;
        var syllableLeft = 0;
        var voiced = true;
        double f1 = 700, f2 = 1200, pitch = 120;
        for (var n = 0; n < samples.Length; n++)
        {
            if (syllableLeft-- <= 0)
            {
                syllableLeft = (int)(sampleRate * (0.08 + (random.NextDouble() * 0.25)));
                voiced = random.NextDouble() > 0.3;
                f1 = 300 + (random.NextDouble() * 600);
                f2 = 900 + (random.NextDouble() * 1600);
                pitch = 90 + (random.NextDouble() * 140);
            }

            phase += pitch / sampleRate;
            double excitation;
            if (voiced)
            {
                excitation = phase >= 1 ? 1.0 : 0.0;
            }
            else
            {
                excitation = random.NextDouble() < 0.2 ? (random.NextDouble() - 0.5) * 0.6 : 0.0;
            }

            if (phase >= 1)
            {
                phase -= 1;
            }

            var a = Resonate(excitation, f1, 80, sampleRate, ref y1a, ref y2a);
            var b = Resonate(a, f2, 120, sampleRate, ref y1b, ref y2b);
            var envelope = Math.Sin(Math.PI * syllableLeft / (sampleRate * 0.33)) is var e && e > 0 ? e : 0;
            samples[n] = (short)Math.Clamp(b * 900 * envelope, short.MinValue, short.MaxValue);
        }

        return samples;
    }

    /// <summary>Signal-to-noise ratio of <paramref name="decoded"/> against <paramref name="reference"/>, in dB.</summary>
    public static double SnrDecibels(ReadOnlySpan<short> reference, ReadOnlySpan<short> decoded)
    {
        double signal = 0, noise = 0;
        var length = Math.Min(reference.Length, decoded.Length);
        for (var i = 0; i < length; i++)
        {
            signal += (double)reference[i] * reference[i];
            var error = (double)reference[i] - decoded[i];
            noise += error * error;
        }

        return 10 * Math.Log10(signal / Math.Max(noise, 1e-9));
    }

    /// <summary>The lag (decoded behind reference, in samples) that maximises the cross-correlation.</summary>
    public static int BestLag(ReadOnlySpan<short> reference, ReadOnlySpan<short> decoded, int maxLag)
    {
        var best = 0;
        var bestScore = double.MinValue;
        var window = Math.Min(reference.Length, decoded.Length) - (2 * maxLag);
        for (var lag = -maxLag; lag <= maxLag; lag++)
        {
            double score = 0;
            for (var i = maxLag; i < maxLag + window; i++)
            {
                score += (double)reference[i] * decoded[i + lag];
            }

            if (score > bestScore)
            {
                bestScore = score;
                best = lag;
            }
        }

        return best;
    }

    /// <summary>Energy of one frequency (Goertzel), normalised by length: which tone a channel carries.</summary>
    public static double ToneEnergy(ReadOnlySpan<short> samples, int sampleRate, double frequency)
    {
        var coefficient = 2 * Math.Cos(2 * Math.PI * frequency / sampleRate);
        double s1 = 0, s2 = 0;
        foreach (var x in samples)
        {
            var s0 = x + (coefficient * s1) - s2;
            s2 = s1;
            s1 = s0;
        }

        return ((s1 * s1) + (s2 * s2) - (coefficient * s1 * s2)) / samples.Length / samples.Length;
    }

    private static double Resonate(double x, double frequency, double bandwidth, int sampleRate, ref double y1, ref double y2)
    {
        var r = Math.Exp(-Math.PI * bandwidth / sampleRate);
        var c = 2 * r * Math.Cos(2 * Math.PI * frequency / sampleRate);
        var y = x + (c * y1) - (r * r * y2);
        y2 = y1;
        y1 = y;
        return y * (1 - r);
    }
}
