using CtiCore.Domain.Crm;

namespace CtiCore.Server.Api.Interactions;

public sealed record InteractionSummary(
    long Id,
    InteractionKind Kind,
    CallDirection Direction,
    long? ClientId,
    string? ClientName,
    long? AgentId,
    string? AgentName,
    DateTimeOffset OfferedAt,
    CallOutcome Outcome,
    int TalkSeconds);
