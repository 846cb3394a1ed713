namespace CtiCore.Server.Api.Calls;

/// <summary>What <see cref="ClickToCallService"/> did, for the REST endpoint and the agent hub to render in their own terms.</summary>
internal enum ClickToCallStatus
{
    Started,

    /// <summary>The request itself is wrong (no target, both targets, a number that is not a phone number).</summary>
    Invalid,

    /// <summary>The client does not exist or the caller may not see them (not told apart, so nothing leaks).</summary>
    NotFound,

    /// <summary>The agent cannot place a call now (no phone configured, not available, already on a call).</summary>
    Refused,
}

internal sealed record ClickToCallOutcome(ClickToCallStatus Status, ClickToCallResponse? Call, string? Field, string? Message)
{
    public static ClickToCallOutcome Started(ClickToCallResponse call) => new(ClickToCallStatus.Started, call, null, null);

    public static ClickToCallOutcome Invalid(string field, string message) => new(ClickToCallStatus.Invalid, null, field, message);

    public static ClickToCallOutcome NotFound(string field) => new(ClickToCallStatus.NotFound, null, field, null);

    public static ClickToCallOutcome Refused(string message) => new(ClickToCallStatus.Refused, null, "agent", message);
}
