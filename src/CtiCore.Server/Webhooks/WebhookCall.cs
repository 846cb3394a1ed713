namespace CtiCore.Server.Webhooks;

/// <summary>The call part of a webhook body. <see cref="Outcome"/> is set on <c>call.ended</c>: answered or abandoned.</summary>
public sealed record WebhookCall(
    string CallId,
    long? DepartmentId,
    long? AgentId,
    string? CallerNumber,
    string Direction,
    string? Outcome,
    long? InteractionId);
