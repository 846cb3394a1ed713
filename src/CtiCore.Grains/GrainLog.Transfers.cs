using Microsoft.Extensions.Logging;

namespace CtiCore.Grains;

/// <summary>Log messages of call transfers, EventIds 3180–3189.</summary>
internal static partial class GrainLog
{
    [LoggerMessage(3180, LogLevel.Information, "Call {CallId}: transfer rings agent {AgentId} (reserved: {Reserved})")]
    public static partial void TransferRingsAgent(ILogger logger, string callId, long agentId, bool reserved);

    [LoggerMessage(3181, LogLevel.Information, "Call {CallId}: transferred from agent {FromAgentId} to agent {ToAgentId}")]
    public static partial void TransferredToAgent(ILogger logger, string callId, long? fromAgentId, long? toAgentId);

    [LoggerMessage(3182, LogLevel.Information, "Call {CallId}: the transfer target (agent {AgentId}) did not take the call ({Cause})")]
    public static partial void TransferRefused(ILogger logger, string callId, long? agentId, Domain.Telephony.CallEndCause cause);

    [LoggerMessage(3183, LogLevel.Warning, "Call {CallId}: the transfer could not be journaled now; the end of the call writes it again")]
    public static partial void TransferJournalFailed(ILogger logger, string callId, Exception exception);
}
