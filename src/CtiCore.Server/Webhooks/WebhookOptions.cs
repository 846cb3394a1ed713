namespace CtiCore.Server.Webhooks;

/// <summary>Outgoing webhook delivery (section <c>Cti:Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Cti:Webhooks";

    /// <summary>Events waiting to be written to the outbox, 1..1,000,000. When full, new events are dropped and counted. Default 10,000.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Attempts per delivery before it is marked failed, 1..50. Default 8.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait after the first failure; doubles per failure, with jitter. Default 5 s.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait between two attempts. Default 30 min.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Per-attempt timeout. Default 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Deliveries sent at the same time, 1..64. Default 4.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>How often the outbox is read when nothing wakes the dispatcher (a restart, a retry coming due). Default 5 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public override string ToString() =>
        $"QueueCapacity={QueueCapacity}, MaxAttempts={MaxAttempts}, InitialBackoff={InitialBackoff}, MaxBackoff={MaxBackoff}, Timeout={Timeout}, Concurrency={Concurrency}, PollInterval={PollInterval}";
}
