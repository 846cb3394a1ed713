using System.Text.Json;
using CtiCore.Data;
using CtiCore.Domain.Webhooks;
using CtiCore.Grains.Timing;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Server.Webhooks;

/// <summary>
/// Turns queued events into outbox rows (one <see cref="WebhookDelivery"/> per matching subscription) and wakes
/// the dispatcher. From the moment the row is saved, the delivery survives a restart.
/// </summary>
internal sealed partial class WebhookOutbox(
    WebhookQueue queue,
    WebhookDispatcher dispatcher,
    WebhookSubscriptionCache subscriptionCache,
    IDbContextFactory<CrmDbContext> contexts,
    [FromKeyedServices(CtiCoreClock.Key)] TimeProvider time,
    ILogger<WebhookOutbox> logger) : BackgroundService
{
    private const int BatchSize = 200;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<WebhookEvent>(BatchSize);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < BatchSize && queue.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                try
                {
                    if (await WriteAsync(batch, stoppingToken) > 0)
                    {
                        dispatcher.Wake();
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database is down or busy: these events are lost to webhooks, the calls themselves are not.
                    LogWriteFailed(logger, batch.Count, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; events still queued in memory are not delivered (see docs/webhooks.md).
        }
    }

    private async Task<int> WriteAsync(List<WebhookEvent> events, CancellationToken cancellationToken)
    {
        var subscriptions = await subscriptionCache.EnabledAsync(cancellationToken);
        if (subscriptions.Count == 0)
        {
            return 0;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        var now = time.GetUtcNow();
        var wanted = new Dictionary<(long Subscription, string EventId), WebhookDelivery>();
        foreach (var webhookEvent in events)
        {
            string? payload = null;
            foreach (var subscription in subscriptions.Where(s => s.Wants(webhookEvent.Type, webhookEvent.Call.DepartmentId)))
            {
                payload ??= JsonSerializer.Serialize(webhookEvent, Json);
                wanted.TryAdd((subscription.Id, webhookEvent.Id), new WebhookDelivery
                {
                    SubscriptionId = subscription.Id,
                    EventId = webhookEvent.Id,
                    EventType = webhookEvent.Type,
                    Payload = payload,
                    State = WebhookDeliveryState.Pending,
                    CreatedAt = now,
                    NextAttemptAt = now,
                });
            }
        }

        if (wanted.Count == 0)
        {
            return 0;
        }

        // The bridge may report the same event twice (a resume after hold looks like a second answer): skip known ids.
        var eventIds = wanted.Keys.Select(k => k.EventId).Distinct().ToList();
        var known = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => eventIds.Contains(d.EventId))
            .Select(d => new { d.SubscriptionId, d.EventId })
            .ToListAsync(cancellationToken);
        foreach (var existing in known)
        {
            wanted.Remove((existing.SubscriptionId, existing.EventId));
        }

        db.WebhookDeliveries.AddRange(wanted.Values);
        await db.SaveChangesAsync(cancellationToken);
        return wanted.Count;
    }

    [LoggerMessage(EventId = 3102, Level = LogLevel.Error, Message = "Writing {Count} webhook events to the outbox failed")]
    private static partial void LogWriteFailed(ILogger logger, int count, Exception exception);
}
