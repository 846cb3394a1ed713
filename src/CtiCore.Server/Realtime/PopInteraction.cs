namespace CtiCore.Server.Realtime;

public sealed record PopInteraction(long Id, DateTimeOffset OfferedAt, string Direction, string Outcome, string? AgentName, string? Disposition, string? Notes, int TalkSeconds);
