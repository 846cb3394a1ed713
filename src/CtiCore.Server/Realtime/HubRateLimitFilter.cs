using System.Threading.RateLimiting;
using CtiCore.Server.Configuration;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CtiCore.Server.Realtime;

/// <summary>
/// Limits hub method calls per user (not per connection: opening more tabs gives no more budget). A call over the
/// limit fails with a <see cref="HubException"/>; the connection stays open.
/// </summary>
internal sealed class HubRateLimitFilter : IHubFilter, IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public HubRateLimitFilter(IOptions<RealtimeOptions> options, [FromKeyedServices(Grains.Timing.CtiCoreClock.Key)] TimeProvider time)
    {
        var perSecond = options.Value.InvocationsPerSecond;
        _ = time;
        _limiter = PartitionedRateLimiter.Create<string, string>(user => RateLimitPartition.GetTokenBucketLimiter(user, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perSecond,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        var user = invocationContext.Context.UserIdentifier ?? invocationContext.Context.ConnectionId;
        using var lease = _limiter.AttemptAcquire(user);
        if (!lease.IsAcquired)
        {
            throw new HubException("Too many requests; slow down.");
        }

        return await next(invocationContext);
    }

    public void Dispose() => _limiter.Dispose();
}
