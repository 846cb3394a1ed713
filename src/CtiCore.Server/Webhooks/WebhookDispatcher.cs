using System.Threading.Channels;
using CtiCore.Data;
using CtiCore.Domain.Webhooks;
using CtiCore.Grains.Timing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CtiCore.Server.Webhooks;

/// <summary>
/// Sends due outbox rows, logs every attempt, and schedules retries with backoff until
/// <see cref="WebhookOptions.MaxAttempts"/>. The database is the queue: after a restart every pending row is
/// picked up again, so a receiver may see a delivery twice (at-least-once; dedupe by event id).
/// </summary>
internal sealed partial class WebhookDispatcher(
    WebhookSender sender,
    IDbContextFactory<CrmDbContext> contexts,
    IOptions<WebhookOptions> options,
    [FromKeyedServices(CtiCoreClock.Key)] TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 100;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly WebhookBackoff _backoff = new(options.Value.InitialBackoff, options.Value.MaxBackoff);

    /// <summary>New rows were written: look now instead of at the next poll.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                wait = await SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRoundFailed(logger, ex);
                wait = options.Value.PollInterval;
            }

            if (wait > TimeSpan.Zero)
            {
                await WaitAsync(wait, stoppingToken);
            }
        }
    }

    /// <summary>Sends one batch of due deliveries; returns how long to wait before the next round.</summary>
    private async Task<TimeSpan> SendDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var due = await db.WebhookDeliveries
            .Include(d => d.Subscription)
            .Where(d => d.State == WebhookDeliveryState.Pending && d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            var next = await db.WebhookDeliveries
                .Where(d => d.State == WebhookDeliveryState.Pending)
                .OrderBy(d => d.NextAttemptAt)
                .Select(d => (DateTimeOffset?)d.NextAttemptAt)
                .FirstOrDefaultAsync(cancellationToken);
            var untilNext = next is { } at ? at - now : settings.PollInterval;
            return untilNext < settings.PollInterval ? untilNext : settings.PollInterval;
        }

        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken }, async (delivery, ct) =>
        {
            var subscription = delivery.Subscription!;
            if (!subscription.Enabled)
            {
                delivery.State = WebhookDeliveryState.Failed;
                delivery.CompletedAt = time.GetUtcNow();
                return;
            }

            var attempt = await sender.SendAsync(delivery, subscription, ct);
            // Each task touches only its own delivery; the context is used again only after all have finished.
            Record(delivery, attempt, settings);
        });
        await db.SaveChangesAsync(cancellationToken);
        return TimeSpan.Zero;
    }

    private void Record(WebhookDelivery delivery, WebhookAttempt attempt, WebhookOptions settings)
    {
        delivery.AttemptLog.Add(attempt);
        delivery.Attempts = attempt.Number;
        var finishedAt = time.GetUtcNow();
        if (attempt.Error is null)
        {
            delivery.State = WebhookDeliveryState.Delivered;
            delivery.CompletedAt = finishedAt;
        }
        else if (attempt.Number >= settings.MaxAttempts)
        {
            delivery.State = WebhookDeliveryState.Failed;
            delivery.CompletedAt = finishedAt;
            LogGaveUp(logger, delivery.Id, delivery.SubscriptionId, attempt.Number);
        }
        else
        {
            delivery.NextAttemptAt = finishedAt + _backoff.DelayAfter(attempt.Number, Random.Shared.NextDouble());
        }
    }

    private async Task WaitAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        using var timeout = new CancellationTokenSource(wait, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stoppingToken);
        try
        {
            await _wake.Reader.ReadAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            // Time for the next round, or shutting down (the loop checks).
        }
    }

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "Webhook dispatch round failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} to subscription {SubscriptionId} failed after {Attempts} attempts")]
    private static partial void LogGaveUp(ILogger logger, long deliveryId, long subscriptionId, int attempts);
}
