namespace CtiCore.Server.Realtime;

/// <summary>
/// Wrap-up of a call: written to the call's Interaction; a follow-up task is created when <see cref="FollowUpTitle"/> is set.
/// For a campaign call the disposition must be one of the campaign's and goes to the dial-list entry too, where it
/// drives the retry; <see cref="CallbackAt"/> is the time the callee asked to be called back.
/// </summary>
public sealed record WrapUpRequest(string CallId, string? Disposition, string? Notes, string? FollowUpTitle, DateTimeOffset? FollowUpDueAt, DateTimeOffset? CallbackAt = null);
