namespace CtiCore.Server.Webhooks;

public sealed record WebhookAttemptResponse(int Number, DateTimeOffset StartedAt, int? StatusCode, string? Error, int DurationMs);
