using System.Diagnostics;
using System.Globalization;

namespace CtiCore.LookupBench;

/// <summary>Percentiles of a set of Stopwatch tick samples, in microseconds (nearest-rank method).</summary>
internal sealed class LatencyStats
{
    private readonly double[] _microseconds;

    public LatencyStats(string name, IEnumerable<long> ticks)
    {
        Name = name;
        _microseconds = ticks.Select(t => t * 1_000_000.0 / Stopwatch.Frequency).Order().ToArray();
    }

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
