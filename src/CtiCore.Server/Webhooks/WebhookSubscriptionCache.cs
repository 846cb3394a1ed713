using CtiCore.Data;
using CtiCore.Domain.Webhooks;
using CtiCore.Grains.Timing;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Server.Webhooks;

/// <summary>
/// The enabled subscriptions the outbox matches events against. Every call step is an event, and most
/// installations have no subscription at all, so the list is read once per <see cref="MaxAge"/> rather than once per
/// event. This silo's API invalidates it on every change; a change made through another silo is seen within
/// <see cref="MaxAge"/>.
/// </summary>
internal sealed class WebhookSubscriptionCache(IDbContextFactory<CrmDbContext> contexts, [FromKeyedServices(CtiCoreClock.Key)] TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    private Snapshot? _current;
    private long _version;

    /// <summary>A subscription was created, changed or deleted here: the next read goes to the database.</summary>
    public void Invalidate() => Interlocked.Increment(ref _version);

    public async Task<IReadOnlyList<WebhookSubscription>> EnabledAsync(CancellationToken cancellationToken)
    {
        var version = Interlocked.Read(ref _version);
        var now = time.GetUtcNow();
        if (Volatile.Read(ref _current) is { } current && current.Version == version && now - current.ReadAt < MaxAge)
        {
            return current.Subscriptions;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Enabled).ToListAsync(cancellationToken);

        // Tagged with the version read before the query: an invalidation during it makes the next read go again.
        Volatile.Write(ref _current, new Snapshot(subscriptions, now, version));
        return subscriptions;
    }

    private sealed record Snapshot(IReadOnlyList<WebhookSubscription> Subscriptions, DateTimeOffset ReadAt, long Version);
}
