namespace CtiCore.Media.Retention;

/// <summary>One recording the plan erases, and why.</summary>
public sealed record PlannedErasure(string CallKey, string? DepartmentKey, DateTimeOffset RecordedAt, ErasureReason Reason);
