using System.Collections.Concurrent;
using System.Globalization;
using CtiCore.Abstractions.Agents;
using CtiCore.Abstractions.Calls;
using CtiCore.Grains.Timing;
using CtiCore.Server.Configuration;
using CtiCore.Server.Webhooks;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CtiCore.Server.Realtime;

/// <summary>
/// The per-silo bridge from the grains to the hubs (the GPSTracker pattern: grains never hold connections; each
/// silo writes to its own <see cref="IHubContext{THub,T}"/>). The command and event sinks only enqueue, so a grain
/// never waits on a CRM query or a socket. Work runs in lanes (<see cref="KeyedWorkQueue{TKey}"/>): one lane per
/// call keeps offered → answered → ended of that call in order, one lane per agent carries their state changes, and
/// up to <see cref="RealtimeOptions.PushConcurrency"/> lanes run at once, so one slow pop no longer delays every
/// other call. Whatever goes to one agent is numbered and sent under <see cref="AgentDesk.ExclusiveAsync"/>, so the
/// agent's sequence numbers arrive in order and without gaps whichever lane sends them.
/// </summary>
internal sealed partial class RealtimeBridge(
    IGrainFactory grains,
    AgentDesk desk,
    ScreenPopBuilder pops,
    CampaignPops campaignPops,
    IHubContext<AgentHub, IAgentClient> agents,
    IHubContext<SupervisorHub, ISupervisorClient> supervisors,
    WebhookQueue webhooks,
    IOptions<RealtimeOptions> options,
    [FromKeyedServices(CtiCoreClock.Key)] TimeProvider time,
    ILogger<RealtimeBridge> logger) : BackgroundService, IAgentStateListener
{
    // A failed push must not stop the next one; the client recovers with GetSnapshot.
    private readonly KeyedWorkQueue<string> _work = new(options.Value.PushConcurrency, ex => LogPushFailed(logger, ex), StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, byte> _agentPushQueued = new();

    public void CallOffered(string callId, long agentId) => _work.Enqueue(CallLane(callId), ct => OfferedAsync(callId, agentId, ct));

    /// <summary>
    /// A transfer began: if its target is a CtiCore agent the call grain reserved, their desk pops the call now, before
    /// they answer. The target is read here, right after the grain handled the event, not later in the lane, where the
    /// target's answer may already have cleared it.
    /// </summary>
    public async Task TransferRingingAsync(string callId)
    {
        var view = await grains.GetGrain<ICallGrain>(callId).GetViewAsync();
        if (view.RingingAgentId is { } target && view.AnsweredAgentId is not null && view.AnsweredAgentId != target)
        {
            _work.Enqueue(CallLane(callId), ct => TransferOfferedAsync(callId, target, ct));
        }
    }

    public void CallChanged(string callId) => _work.Enqueue(CallLane(callId), ct => ChangedAsync(callId, ct));

    /// <summary>
    /// Pushes the agent's state to their desk and their supervisors. Coalesced: the push reads the state when it runs,
    /// so a change told while a push for the agent is still queued adds nothing (the grain and the hubs both tell).
    /// </summary>
    public void AgentChanged(long agentId)
    {
        if (_agentPushQueued.TryAdd(agentId, 0))
        {
            _work.Enqueue(AgentLane(agentId), cancellationToken =>
            {
                _agentPushQueued.TryRemove(agentId, out _);
                return PushAgentAsync(agentId);
            });
        }
    }

    /// <summary>Completes once everything queued so far has been pushed (tests, shutdown).</summary>
    public Task WhenIdleAsync() => _work.WhenIdleAsync();

    public static string DepartmentGroup(long departmentId) => "department:" + departmentId.ToString(CultureInfo.InvariantCulture);

    public static string UserOf(long agentId) => agentId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The group of one agent's desktops (each connection joins it on connect); only that agent is ever in it.</summary>
    public static string AgentGroup(long agentId) => "agent:" + UserOf(agentId);

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
        new(state.AgentId, state.DisplayName, view.DepartmentId, state.Status, state.PauseReason, state.Since, state.CurrentCallId, state.CallsToday, state.MissedCallsToday, view.RingCooldownUntil);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: refuse new work, cancel what runs, and let the lanes wind down.
            _work.Stop();
            await _work.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        if (_work.WhenIdleAsync().IsCompleted)
        {
            _work.Dispose();
        }
    }

    private static string CallLane(string callId) => "call:" + callId;

    private static string AgentLane(long agentId) => "agent:" + UserOf(agentId);

    private async Task OfferedAsync(string callId, long agentId, CancellationToken cancellationToken)
    {
        var call = await campaignPops.ViewOfAsync(callId);
        webhooks.Enqueue(CallWebhooks.Offered(call, agentId, time.GetUtcNow()));

        // Ring-no-answer moved the call on: the previous agent's pop is withdrawn.
        foreach (var previous in desk.AgentsShowing(callId, except: agentId))
        {
            await WithdrawAsync(previous, callId, shown => shown with { Stage = "withdrawn" });
        }

        var pop = await campaignPops.WithCampaignAsync(await pops.BuildAsync(call, "ringing", cancellationToken), cancellationToken);
        await SendPopAsync(agentId, pop, keep: true);
        await PushAgentAsync(agentId);
        await supervisors.Clients.Group(DepartmentGroup(call.DepartmentId ?? 0)).CallChanged(new SupervisorCallRow(callId, call.DepartmentId, "offered", time.GetUtcNow()));
    }

    /// <summary>The transfer target's ringing pop; unlike <see cref="OfferedAsync"/> it withdraws nothing: the transferring agent still has the call.</summary>
    private async Task TransferOfferedAsync(string callId, long agentId, CancellationToken cancellationToken)
    {
        var call = await campaignPops.ViewOfAsync(callId);
        webhooks.Enqueue(CallWebhooks.Offered(call, agentId, time.GetUtcNow()));
        var pop = await campaignPops.WithCampaignAsync(await pops.BuildAsync(call, "ringing", cancellationToken), cancellationToken);
        await SendPopAsync(agentId, pop, keep: true);
        await PushAgentAsync(agentId);
    }

    /// <summary>A transferring agent keeps the call on the desk, marked transferred, until they submit their wrap-up.</summary>
    private async Task KeepForWrapUpAsync(long agentId, string callId)
    {
        await desk.ExclusiveAsync(agentId, async () =>
        {
            if (desk.PopOf(agentId) is not { } shown || shown.CallId != callId || shown.Stage == "transferred")
            {
                return;
            }

            var numbered = shown with { Stage = "transferred", OnHold = false, Sequence = desk.NextSequence(agentId) };
            desk.SetPop(agentId, numbered);
            await agents.Clients.Group(AgentGroup(agentId)).Pop(numbered);
        });
        await PushAgentAsync(agentId);
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
            if (shown == call.RingingAgentId)
            {
                // A transfer's target: their phone rings while the transferring agent still has the call.
                continue;
            }

            if (call.TransferredFromAgentIds.Contains(shown))
            {
                await KeepForWrapUpAsync(shown, callId);
                continue;
            }

            // The call ended or was answered elsewhere while this agent still showed it.
            var withdrawn = stage == "ended" && call.AnsweredAgentId is null ? "missed" : "withdrawn";
            await WithdrawAsync(shown, callId, pop => pop with { Stage = withdrawn, InteractionId = call.InteractionId });
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

    private Task SendPopAsync(long agentId, ScreenPop pop, bool keep) => desk.ExclusiveAsync(agentId, async () =>
    {
        var numbered = pop with { Sequence = desk.NextSequence(agentId) };
        desk.SetPop(agentId, keep ? numbered : null);
        await agents.Clients.Group(AgentGroup(agentId)).Pop(numbered);
    });

    /// <summary>
    /// Takes the call's pop off an agent's desktop, if it is still there when the agent's gate is ours: another lane
    /// (another call) may have given the agent a new pop since <see cref="AgentDesk.AgentsShowing"/> was read.
    /// </summary>
    private async Task WithdrawAsync(long agentId, string callId, Func<ScreenPop, ScreenPop> change)
    {
        var withdrawn = false;
        await desk.ExclusiveAsync(agentId, async () =>
        {
            if (desk.PopOf(agentId) is not { } shown || shown.CallId != callId)
            {
                return;
            }

            var numbered = change(shown) with { Sequence = desk.NextSequence(agentId) };
            desk.SetPop(agentId, null);
            await agents.Clients.Group(AgentGroup(agentId)).Pop(numbered);
            withdrawn = true;
        });
        if (withdrawn)
        {
            await PushAgentAsync(agentId);
        }
    }

    /// <summary>Reads the agent's state inside the agent's exclusive section, so a later push never sends an older state.</summary>
    private Task PushAgentAsync(long agentId) => desk.ExclusiveAsync(agentId, async () =>
    {
        var (state, view) = await StateOfAsync(agentId);
        await agents.Clients.Group(AgentGroup(agentId)).State(state);
        if (view.DepartmentId is { } department)
        {
            await supervisors.Clients.Group(DepartmentGroup(department)).AgentChanged(RowOf(state, view));
        }
    });

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Realtime push failed")]
    private static partial void LogPushFailed(ILogger logger, Exception exception);
}
