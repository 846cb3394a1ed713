namespace CtiCore.MediaBench;

/// <summary>
/// Speech-like audio without a corpus (none ships on the machine): a glottal pulse train with drifting pitch through
/// two formant resonators, gated into syllables and pauses, at 8 kHz. It exercises SILK's voiced and unvoiced paths.
/// </summary>
internal static class SpeechLikeSignal
{
    public static short[] Generate(int sampleRate, double seconds, int seed)
    {
        var random = new Random(seed);
        var samples = new short[(int)(sampleRate * seconds)];
        double phase = 0, y1a = 0, y2a = 0, y1b = 0, y2b = 0, f1 = 700, f2 = 1200, pitch = 120;
        var syllableLeft = 0;
        var voiced = true;
        var silent = false;
        for (var n = 0; n < samples.Length; n++)
        {
            if (syllableLeft-- <= 0)
            {
                syllableLeft = (int)(sampleRate * (0.08 + (random.NextDouble() * 0.25)));
                silent = random.NextDouble() < 0.25; // pauses between words and turns
                voiced = random.NextDouble() > 0.3;
                f1 = 300 + (random.NextDouble() * 600);
                f2 = 900 + (random.NextDouble() * 1600);
                pitch = 90 + (random.NextDouble() * 140);
            }

            phase += pitch / sampleRate;
            var excitation = voiced
                ? (phase >= 1 ? 1.0 : 0.0)
                : (random.NextDouble() < 0.2 ? (random.NextDouble() - 0.5) * 0.6 : 0.0);
            if (phase >= 1)
            {
                phase -= 1;
            }

            var a = Resonate(excitation, f1, 80, sampleRate, ref y1a, ref y2a);
            var b = Resonate(a, f2, 120, sampleRate, ref y1b, ref y2b);
            var envelope = silent ? 0 : Math.Max(0, Math.Sin(Math.PI * syllableLeft / (sampleRate * 0.33)));
            var noise = (random.NextDouble() - 0.5) * 40; // line noise floor, as on a real trunk
            samples[n] = (short)Math.Clamp((b * 900 * envelope) + noise, short.MinValue, short.MaxValue);
        }

        return samples;
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
