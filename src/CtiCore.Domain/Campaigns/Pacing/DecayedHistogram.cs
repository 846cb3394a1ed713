namespace CtiCore.Domain.Campaigns.Pacing;

/// <summary>
/// A histogram of durations whose old observations fade exponentially, so estimates follow the live traffic
/// (an evening list answers differently from a morning one). Each new observation weighs 1/<c>decay</c> times
/// the previous one; weights are rescaled now and then instead of decaying every bucket on every add.
/// </summary>
public sealed class DecayedHistogram
{
    private readonly double[] _buckets;
    private readonly double _bucketSeconds;
    private readonly double _growth;
    private double _nextWeight = 1;
    private double _total;
    private double[]? _above;

    public DecayedHistogram(TimeSpan bucket, TimeSpan maximum, double decay)
    {
        if (decay is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(decay), "The decay must be in (0, 1].");
        }

        _bucketSeconds = bucket.TotalSeconds;
        _buckets = new double[(int)Math.Ceiling(maximum.TotalSeconds / _bucketSeconds) + 1];
        _growth = 1 / decay;
    }

    /// <summary>Effective number of observations (the sum of the decayed weights, in units of the newest one).</summary>
    public double EffectiveCount => _total / _nextWeight * _growth;

    public void Add(TimeSpan value, double count = 1)
    {
        var index = Math.Clamp((int)(value.TotalSeconds / _bucketSeconds), 0, _buckets.Length - 1);
        var weight = _nextWeight * count;
        _buckets[index] += weight;
        _total += weight;
        _above = null;
        _nextWeight *= _growth;
        if (_nextWeight > 1e200)
        {
            Rescale(1e-200);
        }
    }

    /// <summary>P(duration &gt; <paramref name="value"/>), reading each bucket as spread evenly over its width.</summary>
    public double Survival(TimeSpan value)
    {
        if (_total <= 0)
        {
            return 0;
        }

        var position = value.TotalSeconds / _bucketSeconds;
        if (position < 0)
        {
            return 1;
        }

        var index = (int)position;
        if (index >= _buckets.Length)
        {
            return 0;
        }

        var above = Above()[index] + (_buckets[index] * (1 - (position - index)));
        return Math.Clamp(above / _total, 0, 1);
    }

    /// <summary>P(duration ≤ elapsed + within | duration &gt; elapsed): will it end within <paramref name="within"/>?</summary>
    public double EndsWithin(TimeSpan elapsed, TimeSpan within)
    {
        var alive = Survival(elapsed);
        if (alive <= 1e-9)
        {
            // Older than anything seen: it is overdue, and an overdue call ends soon rather than never.
            return 0.5;
        }

        return Math.Clamp((alive - Survival(elapsed + within)) / alive, 0, 1);
    }

    public TimeSpan Mean()
    {
        if (_total <= 0)
        {
            return TimeSpan.Zero;
        }

        double sum = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            sum += _buckets[i] * (i + 0.5) * _bucketSeconds;
        }

        return TimeSpan.FromSeconds(sum / _total);
    }

    /// <summary>The smallest duration d with P(duration ≤ d) ≥ <paramref name="probability"/>.</summary>
    public TimeSpan Quantile(double probability)
    {
        if (_total <= 0)
        {
            return TimeSpan.Zero;
        }

        double cumulative = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            cumulative += _buckets[i];
            if (cumulative >= probability * _total)
            {
                return TimeSpan.FromSeconds((i + 1) * _bucketSeconds);
            }
        }

        return TimeSpan.FromSeconds(_buckets.Length * _bucketSeconds);
    }

    /// <summary>above[i] = weight of the buckets after i; rebuilt lazily, so a read costs O(1) between adds.</summary>
    private double[] Above()
    {
        if (_above is null)
        {
            _above = new double[_buckets.Length];
            double sum = 0;
            for (var i = _buckets.Length - 1; i >= 0; i--)
            {
                _above[i] = sum;
                sum += _buckets[i];
            }
        }

        return _above;
    }

    private void Rescale(double factor)
    {
        _above = null;
        for (var i = 0; i < _buckets.Length; i++)
        {
            _buckets[i] *= factor;
        }

        _total *= factor;
        _nextWeight *= factor;
    }
}
