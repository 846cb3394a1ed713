using CtiCore.Domain.Crm;

namespace CtiCore.Server.Api.Interactions;

/// <summary>One journal entry in full, including why routing chose the agent it did.</summary>
public sealed record InteractionResponse(
    long Id,
    InteractionKind Kind,
    CallDirection Direction,
    string CallKey,
    string? FromNumber,
    string? ToNumber,
    long? ClientId,
    string? ClientName,
    long? ContactId,
    long? AgentId,
    string? AgentName,
    long? DepartmentId,
    DateTimeOffset OfferedAt,
    DateTimeOffset? RingingAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt,
    CallOutcome Outcome,
    int WaitSeconds,
    int TalkSeconds,
    string? Disposition,
    string? Notes,
    string? RoutingReason,
    string? RecordingRef,
    bool HasRecording = false)
{
    /// <summary>The call's transfer chain, oldest first: who handed it on to whom (the finishing agent is <see cref="AgentId"/>).</summary>
    public IReadOnlyList<InteractionTransferResponse> Transfers { get; init; } = [];
}
