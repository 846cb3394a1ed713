using System.Net;
using CtiCore.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace CtiCore.Sip.Tests.Transport;

public sealed class SipRateLimiterTests
{
    [Fact]
    public void Each_source_gets_its_burst_then_its_rate()
    {
        var time = new FakeTimeProvider();
        var limiter = new SipRateLimiter(perSecond: 10, burst: 3, time);
        var a = IPAddress.Parse("192.0.2.1");
        var b = IPAddress.Parse("192.0.2.2");
        Assert.True(limiter.TryAcquire(a));
        Assert.True(limiter.TryAcquire(a));
        Assert.True(limiter.TryAcquire(a));
        Assert.False(limiter.TryAcquire(a));
        Assert.True(limiter.TryAcquire(b)); // another source is not punished
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(limiter.TryAcquire(a));
        Assert.False(limiter.TryAcquire(a));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(limiter.TryAcquire(a));
        Assert.True(limiter.TryAcquire(a));
        Assert.True(limiter.TryAcquire(a));
        Assert.False(limiter.TryAcquire(a)); // refill stops at the burst
    }
}
