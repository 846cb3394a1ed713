namespace CtiCore.Domain.Webhooks;

public enum WebhookDeliveryState
{
    /// <summary>Waiting for its first or next attempt.</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Every attempt failed; no more retries.</summary>
    Failed,
}
