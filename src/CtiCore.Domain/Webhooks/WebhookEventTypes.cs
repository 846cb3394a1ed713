namespace CtiCore.Domain.Webhooks;

/// <summary>The event types a webhook can subscribe to.</summary>
public static class WebhookEventTypes
{
    /// <summary>A call starts ringing at an agent's phone (once per agent offered).</summary>
    public const string CallOffered = "call.offered";

    public const string CallAnswered = "call.answered";

    /// <summary>The call is over, answered or abandoned.</summary>
    public const string CallEnded = "call.ended";

    public static IReadOnlyList<string> All { get; } = [CallOffered, CallAnswered, CallEnded];
}
