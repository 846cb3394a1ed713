using CtiCore.Abstractions.Calls;
using CtiCore.Domain.Webhooks;

namespace CtiCore.Server.Webhooks;

/// <summary>Which webhook event a call change is, with ids stable across repeats (a resume after hold is not a second answer).</summary>
internal static class CallWebhooks
{
    public static WebhookEvent Offered(CallView call, long agentId, DateTimeOffset at) =>
        new($"{call.CallId}:offered:{agentId}", WebhookEventTypes.CallOffered, at, Describe(call, agentId, outcome: null));

    /// <summary>
    /// The events for the bridge's <paramref name="stage"/> ("talking" or "ended"); none for other stages. The bridge
    /// reads the call as it is now, so a short call can already be "ended" when its answer is pushed: an answered call
    /// seen ended also yields its answer, first. The outbox keeps one row per event id, so a repeat is dropped there.
    /// </summary>
    public static IEnumerable<WebhookEvent> Changed(CallView call, string stage, DateTimeOffset at)
    {
        if (stage is "talking" or "ended" && call.AnsweredAgentId is not null)
        {
            yield return new($"{call.CallId}:answered", WebhookEventTypes.CallAnswered, at, Describe(call, call.AnsweredAgentId, outcome: null));
        }

        if (stage == "ended")
        {
            yield return new($"{call.CallId}:ended", WebhookEventTypes.CallEnded, at,
                Describe(call, call.AnsweredAgentId, call.AnsweredAgentId is null ? "abandoned" : "answered"));
        }
    }

    private static WebhookCall Describe(CallView call, long? agentId, string? outcome) =>
        new(call.CallId, call.DepartmentId, agentId, call.Caller.NumberE164, call.Direction.ToString(), outcome, call.InteractionId);
}
