using System.Diagnostics;
using System.Globalization;

namespace CtiCore.LookupBench;

/// <summary>Percentiles of a set of Stopwatch tick samples, in microseconds (nearest-rank method).</summary>
internal sealed class LatencyStats
{
    private readonly double[] _microseconds;

    private LatencyStats(string name, IEnumerable<double> microseconds)
    {
        Name = name;
        _microseconds = microseconds.Order().ToArray();
        if (_microseconds.Length == 0)
        {
            throw new ArgumentException($"{name}: no samples.", nameof(microseconds));
        }
    }

    public static LatencyStats FromStopwatchTicks(string name, IEnumerable<long> ticks) =>
        new(name, ticks.Select(t => t * 1_000_000.0 / Stopwatch.Frequency));

    /// <summary>Negative samples (not measurable) are left out.</summary>
    public static LatencyStats FromNanoseconds(string name, IEnumerable<long> nanoseconds) =>
        new(name, nanoseconds.Where(n => n >= 0).Select(n => n / 1_000.0));

    public int Count => _microseconds.Length;

    public string Name { get; }

    public double P50 => Percentile(50);
    public double P90 => Percentile(90);
    public double P99 => Percentile(99);
    public double Max => _microseconds[^1];
    public double Mean => _microseconds.Average();

    public double Percentile(double p) =>
        _microseconds[Math.Clamp((int)Math.Ceiling(p / 100 * _microseconds.Length) - 1, 0, _microseconds.Length - 1)];

    public string ToMarkdownRow() => string.Create(CultureInfo.InvariantCulture,
        $"| {Name} | {P50:F1} | {P90:F1} | {P99:F1} | {Max:F1} | {Mean:F1} |");
}
