namespace CtiCore.Server.Webhooks;

/// <summary>A call event as webhook subscribers see it; <see cref="Id"/> is stable, so receivers can dedupe.</summary>
public sealed record WebhookEvent(string Id, string Type, DateTimeOffset OccurredAt, WebhookCall Call);
