namespace CtiCore.Domain.Webhooks;

/// <summary>
/// One event for one subscriber: the outbox row. It is written before the first attempt, so a pending delivery
/// survives a restart; the dispatcher picks up every pending row whose next attempt is due.
/// </summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }

    public long SubscriptionId { get; set; }

    public WebhookSubscription? Subscription { get; set; }

    /// <summary>Stable per event (e.g. <c>call-1:answered</c>), unique per subscription: receivers dedupe by it.</summary>
    public string EventId { get; set; } = string.Empty;

    public string EventType { get; set; } = string.Empty;

    /// <summary>The JSON body, fixed when the delivery is created; every attempt sends the same bytes.</summary>
    public string Payload { get; set; } = string.Empty;

    public WebhookDeliveryState State { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public List<WebhookAttempt> AttemptLog { get; set; } = [];
}
