using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace CtiCore.RealtimeBench;

/// <summary>p50/p99/max in milliseconds of (recorded − injected) over the given keys; missing ones are counted, not guessed.</summary>
internal sealed record Summary(int Count, int Expected, double P50, double P99, double Max)
{
    public static Summary Of(IReadOnlyList<string> keys, ConcurrentDictionary<string, long> recorded)
    {
        var millis = new List<double>(keys.Count);
        foreach (var key in keys)
        {
            if (LatencyRecorder.Injected.TryGetValue(key, out var injected) && recorded.TryGetValue(key, out var at))
            {
                millis.Add(Stopwatch.GetElapsedTime(injected, at).TotalMilliseconds);
            }
        }

        millis.Sort();
        return millis.Count == 0
            ? new Summary(0, keys.Count, double.NaN, double.NaN, double.NaN)
            : new Summary(millis.Count, keys.Count, Percentile(millis, 0.50), Percentile(millis, 0.99), millis[^1]);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{P50:F1} / {P99:F1} / {Max:F1}");

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(List<double> sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
