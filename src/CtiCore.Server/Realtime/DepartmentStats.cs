namespace CtiCore.Server.Realtime;

/// <summary>A department's live queue and today's figures; <see cref="ServiceLevelPercent"/> is the share answered within 20 s (null before the first call).</summary>
public sealed record DepartmentStats(
    long DepartmentId,
    string Name,
    int WaitingCalls,
    int LongestWaitSeconds,
    double? ServiceLevelPercent,
    int AnsweredToday,
    int AbandonedToday,
    IReadOnlyList<HourFigures> PerHour);
