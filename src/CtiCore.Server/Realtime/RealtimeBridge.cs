using System.Globalization;
using System.Threading.Channels;
using CtiCore.Abstractions.Agents;
using CtiCore.Abstractions.Calls;
using CtiCore.Grains.Timing;
using CtiCore.Server.Webhooks;
using Microsoft.AspNetCore.SignalR;

namespace CtiCore.Server.Realtime;

/// <summary>
/// The per-silo bridge from the grains to the hubs (the GPSTracker pattern: grains never hold connections; each
/// silo writes to its own <see cref="IHubContext{THub,T}"/>). The command and event sinks only enqueue, so a grain
/// never waits on a CRM query or a socket; one reader pushes in order.
/// </summary>
internal sealed partial class RealtimeBridge(
    IGrainFactory grains,
    AgentDesk desk,
    ScreenPopBuilder pops,
    CampaignPops campaignPops,
    IHubContext<AgentHub, IAgentClient> agents,
    IHubContext<SupervisorHub, ISupervisorClient> supervisors,
    WebhookQueue webhooks,
    [FromKeyedServices(CtiCoreClock.Key)] TimeProvider time,
    ILogger<RealtimeBridge> logger) : BackgroundService
{
    private readonly Channel<RealtimeWork> _work = Channel.CreateUnbounded<RealtimeWork>(new UnboundedChannelOptions { SingleReader = true });

    public void CallOffered(string callId, long agentId) => _work.Writer.TryWrite(new RealtimeWork(RealtimeWorkKind.CallOffered, callId, agentId));

    public void CallChanged(string callId) => _work.Writer.TryWrite(new RealtimeWork(RealtimeWorkKind.CallChanged, callId, null));

    public void AgentChanged(long agentId) => _work.Writer.TryWrite(new RealtimeWork(RealtimeWorkKind.AgentChanged, null, agentId));

    public static string DepartmentGroup(long departmentId) => "department:" + departmentId.ToString(CultureInfo.InvariantCulture);

    public static string UserOf(long agentId) => agentId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The agent's state as the desktop shows it, with a fresh sequence number when <paramref name="sequence"/> is null.</summary>
    public async Task<(AgentDeskState State, AgentView View)> StateOfAsync(long agentId, long? sequence = null)
    {
        var view = await grains.GetGrain<IAgentGrain>(agentId).GetViewAsync();
        var status = view.Status.ToString();
        var state = new AgentDeskState
        {
            Sequence = sequence ?? desk.NextSequence(agentId),
            AgentId = agentId,
            DisplayName = view.Snapshot.DisplayName,
            Status = status,
            PauseReason = view.PauseReason,
            CurrentCallId = view.CurrentCallId,
            Since = desk.Since(agentId, status + view.PauseReason, time.GetUtcNow()),
            CallsToday = view.Snapshot.CallsToday,
            TalkSecondsToday = view.Snapshot.TalkSecondsToday,
            MissedCallsToday = view.MissedCallsToday,
        };
        return (state, view);
    }

    public static SupervisorAgentRow RowOf(AgentDeskState state, AgentView view) =>
        new(state.AgentId, state.DisplayName, view.DepartmentId, state.Status, state.PauseReason, state.Since, state.CurrentCallId, state.CallsToday, state.MissedCallsToday);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var work in _work.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await PushAsync(work, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A failed push must not stop the next one; the client recovers with GetSnapshot.
                    LogPushFailed(logger, work.Kind, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task PushAsync(RealtimeWork work, CancellationToken cancellationToken)
    {
        switch (work.Kind)
        {
            case RealtimeWorkKind.CallOffered:
                await OfferedAsync(work.CallId!, work.AgentId!.Value, cancellationToken);
                break;
            case RealtimeWorkKind.CallChanged:
                await ChangedAsync(work.CallId!, cancellationToken);
                break;
            case RealtimeWorkKind.AgentChanged:
                await PushAgentAsync(work.AgentId!.Value);
                break;
        }
    }

    private async Task OfferedAsync(string callId, long agentId, CancellationToken cancellationToken)
    {
        var call = await campaignPops.ViewOfAsync(callId);
        webhooks.Enqueue(CallWebhooks.Offered(call, agentId, time.GetUtcNow()));

        // Ring-no-answer moved the call on: the previous agent's pop is withdrawn.
        foreach (var previous in desk.AgentsShowing(callId, except: agentId))
        {
            await SendPopAsync(previous, desk.PopOf(previous)! with { Stage = "withdrawn" }, keep: false);
            await PushAgentAsync(previous);
        }

        var pop = await campaignPops.WithCampaignAsync(await pops.BuildAsync(call, "ringing", cancellationToken), cancellationToken);
        await SendPopAsync(agentId, pop, keep: true);
        await PushAgentAsync(agentId);
        await supervisors.Clients.Group(DepartmentGroup(call.DepartmentId ?? 0)).CallChanged(new SupervisorCallRow(callId, call.DepartmentId, "offered", time.GetUtcNow()));
    }

    private async Task ChangedAsync(string callId, CancellationToken cancellationToken)
    {
        var call = await campaignPops.ViewOfAsync(callId);
        var stage = ScreenPopBuilder.StageOf(call);
        var agentId = call.AnsweredAgentId ?? call.RingingAgentId;
        foreach (var webhookEvent in CallWebhooks.Changed(call, stage, time.GetUtcNow()))
        {
            webhooks.Enqueue(webhookEvent);
        }

        foreach (var shown in desk.AgentsShowing(callId, except: agentId))
        {
            // The call ended or was answered elsewhere while this agent still showed it.
            var withdrawn = stage == "ended" && call.AnsweredAgentId is null ? "missed" : "withdrawn";
            await SendPopAsync(shown, desk.PopOf(shown)! with { Stage = withdrawn, InteractionId = call.InteractionId }, keep: false);
            await PushAgentAsync(shown);
        }

        if (agentId is { } id)
        {
            var current = desk.PopOf(id);
            var pop = current is not null && current.CallId == callId
                ? current with { Stage = stage, InteractionId = call.InteractionId, OnHold = desk.IsHeld(callId) }
                : await campaignPops.WithCampaignAsync(await pops.BuildAsync(call, stage, cancellationToken), cancellationToken) with { OnHold = desk.IsHeld(callId) };

            // An ended, answered call stays on the desktop until its wrap-up is submitted.
            var keep = stage != "ended" || call.AnsweredAgentId == id;
            await SendPopAsync(id, pop, keep);
            await PushAgentAsync(id);
        }

        if (stage is "talking" or "ended")
        {
            var outcome = stage == "talking" ? "answered" : call.AnsweredAgentId is null ? "abandoned" : "ended";
            await supervisors.Clients.Group(DepartmentGroup(call.DepartmentId ?? 0)).CallChanged(new SupervisorCallRow(callId, call.DepartmentId, outcome, time.GetUtcNow()));
        }
    }

    private async Task SendPopAsync(long agentId, ScreenPop pop, bool keep)
    {
        var numbered = pop with { Sequence = desk.NextSequence(agentId) };
        desk.SetPop(agentId, keep ? numbered : null);
        await agents.Clients.User(UserOf(agentId)).Pop(numbered);
    }

    private async Task PushAgentAsync(long agentId)
    {
        var (state, view) = await StateOfAsync(agentId);
        await agents.Clients.User(UserOf(agentId)).State(state);
        if (view.DepartmentId is { } department)
        {
            await supervisors.Clients.Group(DepartmentGroup(department)).AgentChanged(RowOf(state, view));
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Realtime push {Kind} failed")]
    private static partial void LogPushFailed(ILogger logger, RealtimeWorkKind kind, Exception exception);
}
