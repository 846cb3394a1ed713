using System.Globalization;
using CtiCore.Abstractions.Calls;
using CtiCore.Domain.Routing;
using CtiCore.Domain.Telephony;
using CtiCore.Grains.Tests.Infrastructure;

namespace CtiCore.Grains.Tests.Scenarios;

/// <summary>Helpers shared by the grain scenarios: staff a department, play a call's events, wait for effects.</summary>
public abstract class ScenarioBase(ClusterFixture cluster)
{
    protected ClusterFixture Cluster { get; } = cluster;

    protected TestWorld World => Cluster.World;

    protected static string DidOf(long departmentId) => "+7495" + departmentId.ToString("0000000", CultureInfo.InvariantCulture);

    protected static string Endpoint(long agentId) => $"PJSIP/{agentId}";

    protected Task PublishAsync(TelephonyEvent e) => Cluster.Events.PublishAsync(e, TestContext.Current.CancellationToken);

    protected Task<CallView> ViewOf(string callId) => Cluster.Call(callId).GetViewAsync();

    /// <summary>Waits until the call rings an agent (reserved by the router, possibly one-way from the queue).</summary>
    protected Task<CallView> RingingAsync(string callId, long agentId) =>
        Eventually.Until(() => ViewOf(callId), v => v.RingingAgentId == agentId, $"call {callId} rings agent {agentId}");

    protected async Task AnswerAsync(CallScript call, long agentId)
    {
        await RingingAsync(call.CallId, agentId);
        await PublishAsync(call.Ringing(Endpoint(agentId)));
        await PublishAsync(call.Answered(Endpoint(agentId)));
    }

    /// <summary>Waits until the router's picture of the agent shows <paramref name="status"/>.</summary>
    protected Task RouterSeesAsync(long departmentId, long agentId, AgentStatus status) =>
        Eventually.Until(
            () => Cluster.Router(departmentId).GetViewAsync(),
            v => v.Agents.Any(a => a.AgentId == agentId && a.Status == status),
            $"router {departmentId} sees agent {agentId} {status}");
}
