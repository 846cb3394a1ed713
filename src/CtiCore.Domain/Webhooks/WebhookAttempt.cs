namespace CtiCore.Domain.Webhooks;

/// <summary>One POST of a delivery: the delivery log.</summary>
public sealed class WebhookAttempt
{
    public long Id { get; set; }

    public long DeliveryId { get; set; }

    /// <summary>1 for the first attempt.</summary>
    public int Number { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>The receiver's HTTP status; null when no response came (connection refused, timeout).</summary>
    public int? StatusCode { get; set; }

    /// <summary>Why it failed, without the URL's query or any secret; null on success.</summary>
    public string? Error { get; set; }

    public int DurationMs { get; set; }
}
