namespace CtiCore.Media.Retention;

/// <summary>What a sweep will erase, and what it would have erased but a legal hold keeps.</summary>
public sealed record RetentionPlan(IReadOnlyList<PlannedErasure> Erase, IReadOnlyList<PlannedErasure> HeldByLegalHold);
