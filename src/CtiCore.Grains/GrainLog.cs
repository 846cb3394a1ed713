using Microsoft.Extensions.Logging;

namespace CtiCore.Grains;

/// <summary>
/// Log messages of the grains, EventIds 3000–3999. Phone numbers and CRM fields never appear: calls are named by
/// their call id, agents and clients by their ids.
/// </summary>
internal static partial class GrainLog
{
    [LoggerMessage(3000, LogLevel.Warning, "A grain timer callback failed; the grain retries from its state")]
    public static partial void DeadlineCallbackFailed(ILogger logger, Exception exception);

    [LoggerMessage(3001, LogLevel.Information, "Agent {AgentId}: {From} → {To}")]
    public static partial void AgentStatusChanged(ILogger logger, long agentId, Domain.Routing.AgentStatus from, Domain.Routing.AgentStatus to);

    [LoggerMessage(3002, LogLevel.Warning, "Agent {AgentId} answered call {CallId} while on call {CurrentCallId}")]
    public static partial void OverlappingAnswer(ILogger logger, long agentId, string callId, string? currentCallId);

    [LoggerMessage(3100, LogLevel.Information, "Call {CallId}: {Outcome} {Rule} agent {AgentId}: {Reason}")]
    public static partial void CallRouted(ILogger logger, string callId, Domain.Routing.RoutingOutcome outcome, Domain.Routing.RoutingRule rule, long? agentId, string reason);

    [LoggerMessage(3101, LogLevel.Debug, "Call {CallId}: {EventType} {Disposition}")]
    public static partial void CallEventApplied(ILogger logger, string callId, string eventType, Domain.Telephony.EventDisposition disposition);

    [LoggerMessage(3102, LogLevel.Warning, "Call {CallId}: the PBX command {CommandType} could not be sent")]
    public static partial void CommandFailed(ILogger logger, string callId, string commandType, Exception exception);

    [LoggerMessage(3103, LogLevel.Error, "Call {CallId}: the journal could not be written; retrying")]
    public static partial void JournalFailed(ILogger logger, string callId, Exception exception);

    [LoggerMessage(3104, LogLevel.Information, "Call {CallId} logged as interaction {InteractionId} ({Outcome})")]
    public static partial void CallLogged(ILogger logger, string callId, long interactionId, Domain.Crm.CallOutcome outcome);

    [LoggerMessage(3105, LogLevel.Warning, "Call {CallId}: agent {AgentId} did not answer within {Seconds} s")]
    public static partial void RingNoAnswer(ILogger logger, string callId, long agentId, int seconds);

    [LoggerMessage(3107, LogLevel.Information, "Call {CallId}: agent {AgentId}'s phone did not take the call ({Reason}, {Cause}, PBX code {Code}); the next agent is tried")]
    public static partial void RingFailed(ILogger logger, string callId, long agentId, Domain.Telephony.RingFailureReason reason, Domain.Telephony.CallEndCause cause, int? code);

    [LoggerMessage(3106, LogLevel.Warning, "Call {CallId}: no department takes the dialled number; the call is hung up")]
    public static partial void NoDepartment(ILogger logger, string callId);

    [LoggerMessage(3200, LogLevel.Debug, "Department {DepartmentId}: {Agents} agents loaded, {Waiting} calls waiting")]
    public static partial void RouterActivated(ILogger logger, long departmentId, int agents, int waiting);

    [LoggerMessage(3201, LogLevel.Warning, "Department {DepartmentId}: agent {AgentId} was no longer free; deciding again")]
    public static partial void ReservationLost(ILogger logger, long departmentId, long agentId);

    [LoggerMessage(3210, LogLevel.Information, "Department {DepartmentId}: agent {AgentId}'s phone is busy; no call is offered to them until {Until}")]
    public static partial void BusyCoolDown(ILogger logger, long departmentId, long agentId, DateTimeOffset until);

    [LoggerMessage(3300, LogLevel.Information, "No PBX adapter is connected: command {CommandType} for call {CallId} is dropped")]
    public static partial void NoAdapter(ILogger logger, string commandType, string callId);

    [LoggerMessage(3301, LogLevel.Debug, "Device state for an endpoint no agent owns is ignored")]
    public static partial void UnknownEndpoint(ILogger logger);
}
