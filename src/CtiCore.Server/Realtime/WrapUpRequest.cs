namespace CtiCore.Server.Realtime;

/// <summary>Wrap-up of a call: written to the call's Interaction; a follow-up task is created when <see cref="FollowUpTitle"/> is set.</summary>
public sealed record WrapUpRequest(string CallId, string? Disposition, string? Notes, string? FollowUpTitle, DateTimeOffset? FollowUpDueAt);
