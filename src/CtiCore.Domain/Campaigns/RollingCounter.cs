namespace CtiCore.Domain.Campaigns;

/// <summary>
/// Two counters summed over a sliding window, kept in a ring of time buckets so memory is fixed whatever the
/// call volume. The window's edge is as coarse as one bucket; the buckets are chosen so that is immaterial
/// (one hour in thirty days).
/// </summary>
internal sealed class RollingCounter
{
    private readonly long _bucketTicks;
    private readonly long[] _bucketIndex;
    private readonly long[] _first;
    private readonly long[] _second;

    public RollingCounter(TimeSpan window, TimeSpan bucket)
    {
        if (bucket <= TimeSpan.Zero || window < bucket)
        {
            throw new ArgumentOutOfRangeException(nameof(bucket), "The bucket must be positive and no longer than the window.");
        }

        Window = window;
        _bucketTicks = bucket.Ticks;
        var count = (int)Math.Ceiling((double)window.Ticks / bucket.Ticks);
        _bucketIndex = new long[count];
        Array.Fill(_bucketIndex, long.MinValue);
        _first = new long[count];
        _second = new long[count];
    }

    public TimeSpan Window { get; }

    public void Add(DateTimeOffset at, long first, long second)
    {
        var index = at.UtcTicks / _bucketTicks;
        var slot = (int)(index % _bucketIndex.Length);
        if (_bucketIndex[slot] != index)
        {
            _bucketIndex[slot] = index;
            _first[slot] = 0;
            _second[slot] = 0;
        }

        _first[slot] += first;
        _second[slot] += second;
    }

    public (long First, long Second) Sum(DateTimeOffset now)
    {
        var current = now.UtcTicks / _bucketTicks;
        var oldest = current - _bucketIndex.Length + 1;
        long first = 0, second = 0;
        for (var i = 0; i < _bucketIndex.Length; i++)
        {
            if (_bucketIndex[i] >= oldest && _bucketIndex[i] <= current)
            {
                first += _first[i];
                second += _second[i];
            }
        }

        return (first, second);
    }
}
