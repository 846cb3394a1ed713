using CtiCore.Abstractions.Calls;
using CtiCore.Domain.Webhooks;

namespace CtiCore.Server.Webhooks;

/// <summary>Which webhook event a call change is, with ids stable across repeats (a resume after hold is not a second answer).</summary>
internal static class CallWebhooks
{
    public static WebhookEvent Offered(CallView call, long agentId, DateTimeOffset at) =>
        new($"{call.CallId}:offered:{agentId}", WebhookEventTypes.CallOffered, at, Describe(call, agentId, outcome: null));

    /// <summary>The event for the bridge's <paramref name="stage"/> ("talking" or "ended"); null for other stages.</summary>
    public static WebhookEvent? Changed(CallView call, string stage, DateTimeOffset at) => stage switch
    {
        "talking" => new($"{call.CallId}:answered", WebhookEventTypes.CallAnswered, at, Describe(call, call.AnsweredAgentId, outcome: null)),
        "ended" => new($"{call.CallId}:ended", WebhookEventTypes.CallEnded, at,
            Describe(call, call.AnsweredAgentId, call.AnsweredAgentId is null ? "abandoned" : "answered")),
        _ => null,
    };

    private static WebhookCall Describe(CallView call, long? agentId, string? outcome) =>
        new(call.CallId, call.DepartmentId, agentId, call.Caller.NumberE164, call.Direction.ToString(), outcome, call.InteractionId);
}
