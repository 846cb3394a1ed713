namespace CtiCore.Server.Webhooks;

/// <summary>Create or replace a subscription. On update, a null <see cref="Secret"/> keeps the current one.</summary>
public sealed record WebhookRequest(string? Url, string? Secret, IReadOnlyList<string>? EventTypes, long? DepartmentId, bool? Enabled);
