namespace CtiCore.Server.Api.Interactions;

/// <summary>One hand-over of the call, with the wrap-up of the agent who handed it on.</summary>
public sealed record InteractionTransferResponse(
    int Position,
    long? FromAgentId,
    string? FromAgentName,
    long? ToAgentId,
    string? ToAgentName,
    string Destination,
    DateTimeOffset TransferredAt,
    string? Disposition,
    string? Notes);
