namespace CtiCore.Server.Api.Calls;

/// <summary>The call started: its id (the Interaction's call key once it ends), the E.164 number dialled, and the
/// client it is logged against, when the number is a known client's.</summary>
public sealed record ClickToCallResponse(string CallId, string Number, long? ClientId);
