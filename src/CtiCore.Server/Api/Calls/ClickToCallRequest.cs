namespace CtiCore.Server.Api.Calls;

/// <summary>Whom to call: one of a client the caller may see (their first phone is dialled) or a phone number in any
/// written form.</summary>
public sealed record ClickToCallRequest(long? ClientId, string? Number);
