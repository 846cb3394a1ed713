using System.Collections.Concurrent;
using System.Net;

namespace CtiCore.Sip.Transport;

/// <summary>
/// A token bucket per source address: <c>burst</c> messages at once, refilled at <c>perSecond</c>. Time comes from
/// <see cref="TimeProvider"/>. The table is bounded: when it is full, idle sources are forgotten first.
/// </summary>
public sealed class SipRateLimiter
{
    private const int MaxTrackedSources = 10_000;
    private readonly ConcurrentDictionary<IPAddress, Bucket> _buckets = new();
    private readonly TimeProvider _timeProvider;
    private readonly double _perSecond;
    private readonly double _burst;

    public SipRateLimiter(double perSecond, int burst, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        _perSecond = perSecond;
        _burst = burst;
        _timeProvider = timeProvider;
    }

    /// <summary>Takes one token for <paramref name="source"/>; false when the source is over its rate.</summary>
    public bool TryAcquire(IPAddress source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var now = _timeProvider.GetTimestamp();
        if (_buckets.Count >= MaxTrackedSources && !_buckets.ContainsKey(source))
        {
            Prune(now);
        }
        var bucket = _buckets.GetOrAdd(source, _ => new Bucket(_burst, now));
        lock (bucket)
        {
            var elapsed = _timeProvider.GetElapsedTime(bucket.Stamp, now).TotalSeconds;
            bucket.Tokens = Math.Min(_burst, bucket.Tokens + (elapsed * _perSecond));
            bucket.Stamp = now;
            if (bucket.Tokens < 1)
            {
                return false;
            }
            bucket.Tokens -= 1;
            return true;
        }
    }

    private void Prune(long now)
    {
        foreach (var (address, bucket) in _buckets)
        {
            if (_timeProvider.GetElapsedTime(bucket.Stamp, now).TotalSeconds * _perSecond >= _burst)
            {
                _buckets.TryRemove(address, out _);
            }
        }
    }

    private sealed class Bucket(double tokens, long stamp)
    {
        public double Tokens { get; set; } = tokens;

        public long Stamp { get; set; } = stamp;
    }
}
