namespace CtiCore.Server.Realtime;

/// <summary>An agent's own state as the desktop shows it.</summary>
public sealed record AgentDeskState
{
    public long Sequence { get; init; }
    public long AgentId { get; init; }
    public string DisplayName { get; init; } = string.Empty;
    public string Status { get; init; } = "LoggedOut";
    public string? PauseReason { get; init; }
    public string? CurrentCallId { get; init; }
    public DateTimeOffset? Since { get; init; }
    public int CallsToday { get; init; }
    public int TalkSecondsToday { get; init; }
    public int MissedCallsToday { get; init; }
}
