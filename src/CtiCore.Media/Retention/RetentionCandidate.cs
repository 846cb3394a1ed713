namespace CtiCore.Media.Retention;

/// <summary>A stored recording as retention sees it.</summary>
public sealed record RetentionCandidate(string CallKey, string? DepartmentKey, DateTimeOffset RecordedAt, bool LegalHold);
