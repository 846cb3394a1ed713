namespace CtiCore.Server.Realtime;

public sealed record SupervisorAgentRow(
    long AgentId,
    string DisplayName,
    long? DepartmentId,
    string Status,
    string? PauseReason,
    DateTimeOffset? Since,
    string? CurrentCallId,
    int CallsToday,
    int MissedCallsToday,
    DateTimeOffset? RingCooldownUntil);
