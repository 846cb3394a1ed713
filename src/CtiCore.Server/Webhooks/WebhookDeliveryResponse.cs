using CtiCore.Domain.Webhooks;

namespace CtiCore.Server.Webhooks;

/// <summary>One delivery with its attempt log, newest deliveries first.</summary>
public sealed record WebhookDeliveryResponse(
    long Id,
    string EventId,
    string EventType,
    string State,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<WebhookAttemptResponse> AttemptLog)
{
    public static WebhookDeliveryResponse From(WebhookDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return new(delivery.Id, delivery.EventId, delivery.EventType, delivery.State.ToString(), delivery.Attempts, delivery.CreatedAt,
            delivery.NextAttemptAt, delivery.CompletedAt,
            delivery.AttemptLog.OrderBy(a => a.Number).Select(a => new WebhookAttemptResponse(a.Number, a.StartedAt, a.StatusCode, a.Error, a.DurationMs)).ToList());
    }
}
