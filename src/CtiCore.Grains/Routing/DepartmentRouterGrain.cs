using CtiCore.Abstractions.Agents;
using CtiCore.Abstractions.Calls;
using CtiCore.Abstractions.Routing;
using CtiCore.Domain.Ports;
using CtiCore.Domain.Routing;
using CtiCore.Grains.Hosting;
using CtiCore.Grains.Timing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CtiCore.Grains.Routing;

/// <summary>
/// Invariants (not reentrant; each holds between turns): a decision and the reservation of its agent happen in
/// one turn; a call is in the queue at most once; a queued call is offered to an agent the moment that agent
/// reports itself free; calls to agents are awaited, calls to call grains are one-way, and no grain awaits
/// the router while the router awaits it, so there are no call cycles.
/// </summary>
internal sealed class DepartmentRouterGrain(
    [PersistentState("router", CtiCoreGrainStorage.Name)] IPersistentState<RouterState> state,
    IAgentDirectory directory,
    IOptions<CtiCoreGrainsOptions> options,
    [FromKeyedServices(CtiCoreClock.Key)] TimeProvider time,
    ILogger<DepartmentRouterGrain> logger) : Grain, IDepartmentRouterGrain
{
    /// <summary>Reservations that fail because a snapshot was stale are retried this many times per call.</summary>
    private const int MaxReservationAttempts = 5;

    private readonly Dictionary<long, AgentSnapshot> _agents = [];
    private readonly GrainDeadline _overflowTimer = new();
    private Dictionary<long, AbsencePeriod> _absences = [];
    private DepartmentProfile _profile = new();
    private DateTimeOffset _directoryLoadedAt;

    private long DepartmentId => this.GetPrimaryKeyLong();
    private CallQueue Queue => state.State.Queue;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await LoadDirectoryAsync(cancellationToken);
        var profiles = await directory.GetDepartmentAgentsAsync(DepartmentId, cancellationToken);
        var views = await Task.WhenAll(profiles.Select(p => GrainFactory.GetGrain<IAgentGrain>(p.AgentId).GetViewAsync()));
        foreach (var view in views)
        {
            Remember(view.Snapshot);
        }

        GrainLog.RouterActivated(logger, DepartmentId, _agents.Count, Queue.Count);
        ScheduleOverflow();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _overflowTimer.Cancel();
        return Task.CompletedTask;
    }

    public async Task<RoutingSettings> GetSettingsAsync()
    {
        await RefreshIfStaleAsync();
        return _profile.Settings;
    }

    public async Task<RouteResult> RouteAsync(RouteRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.CallId);
        await RefreshIfStaleAsync();

        var tried = request.AlreadyTried.ToHashSet();
        for (var attempt = 0; attempt < MaxReservationAttempts; attempt++)
        {
            var decision = RoutingPolicy.Decide(BuildRequest(request.Caller, tried));
            if (decision.Outcome != RoutingOutcome.Agent)
            {
                break;
            }

            var reservation = await ReserveAsync(decision.AgentId!.Value, request.CallId);
            if (reservation is not null)
            {
                if (Queue.Remove(request.CallId))
                {
                    await state.WriteStateAsync();
                }

                return new RouteResult { Decision = decision, Endpoint = reservation.Endpoint };
            }
        }

        var queued = RoutingPolicy.Decide(BuildRequest(request.Caller, tried));
        if (queued.Outcome == RoutingOutcome.Agent)
        {
            // Every pick was taken under our feet (snapshots lagging): wait in the queue like anyone else.
            queued = queued with { Outcome = RoutingOutcome.Queue, Rule = RoutingRule.Queue, AgentId = null, AgentName = null, Reason = "agents changed while choosing → queue" };
        }

        var position = Queue.Enqueue(request.CallId, request.Caller.QueuePriority, request.QueuedSince ?? time.GetUtcNow(), request.Caller, tried);
        await state.WriteStateAsync();
        ScheduleOverflow();
        return new RouteResult { Decision = queued, QueuePosition = position };
    }

    public async Task CancelAsync(string callId)
    {
        if (Queue.Remove(callId))
        {
            await state.WriteStateAsync();
            ScheduleOverflow();
        }
    }

    public async Task AgentChangedAsync(AgentSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!Remember(snapshot) || !snapshot.CanTakeCall || Queue.Count == 0)
        {
            return;
        }

        await OfferQueuedCallsAsync();
    }

    public Task<RouterView> GetViewAsync() => Task.FromResult(new RouterView
    {
        DepartmentId = DepartmentId,
        Name = _profile.Name,
        Settings = _profile.Settings,
        Agents = _agents.Values.OrderBy(a => a.AgentId).ToList(),
        Queue = Queue.Entries.ToList(),
    });

    public async Task RefreshAsync()
    {
        await LoadDirectoryAsync(CancellationToken.None);
        foreach (var profile in await directory.GetDepartmentAgentsAsync(DepartmentId, CancellationToken.None))
        {
            if (!_agents.ContainsKey(profile.AgentId))
            {
                Remember((await GrainFactory.GetGrain<IAgentGrain>(profile.AgentId).GetViewAsync()).Snapshot);
            }
        }

        await OfferQueuedCallsAsync();
    }

    public async Task OverflowDueAsync()
    {
        var now = time.GetUtcNow();
        var maxWait = TimeSpan.FromSeconds(_profile.Settings.MaxQueueWaitSeconds);
        var expired = Queue.TakeExpired(now, maxWait);
        if (expired.Count > 0)
        {
            await state.WriteStateAsync();
            string? targetName = null;
            if (_profile.Settings.OverflowDepartmentId is { } targetId)
            {
                targetName = (await directory.GetDepartmentAsync(targetId, CancellationToken.None))?.Name;
            }

            foreach (var call in expired)
            {
                var decision = RoutingPolicy.Overflow(_profile.Settings, DepartmentId, now - call.QueuedSince, now, targetName);
                await GrainFactory.GetGrain<ICallGrain>(call.CallId).OverflowAsync(decision);
            }
        }

        ScheduleOverflow();
    }

    /// <summary>Offers waiting calls, in queue order, to whoever is free now.</summary>
    private async Task OfferQueuedCallsAsync()
    {
        var changed = false;
        foreach (var waiting in Queue.Entries.ToList())
        {
            if (!_agents.Values.Any(a => a.CanTakeCall))
            {
                break;
            }

            var tried = waiting.AlreadyTried.ToHashSet();
            var decision = RoutingPolicy.Decide(BuildRequest(waiting.Caller, tried));
            if (decision.Outcome != RoutingOutcome.Agent)
            {
                // This call has rung everyone free already; the next one in line may still fit.
                continue;
            }

            var reservation = await ReserveAsync(decision.AgentId!.Value, waiting.CallId);
            if (reservation is null)
            {
                continue;
            }

            Queue.Remove(waiting.CallId);
            changed = true;
            var waited = (int)(time.GetUtcNow() - waiting.QueuedSince).TotalSeconds;
            var offered = decision with { Reason = $"queued {waited} s → {decision.Reason}" };
            await GrainFactory.GetGrain<ICallGrain>(waiting.CallId).AgentAssignedAsync(new RouteResult { Decision = offered, Endpoint = reservation.Endpoint });
        }

        if (changed)
        {
            await state.WriteStateAsync();
            ScheduleOverflow();
        }
    }

    private async Task<ReservationResult?> ReserveAsync(long agentId, string callId)
    {
        var result = await GrainFactory.GetGrain<IAgentGrain>(agentId).TryReserveAsync(callId);
        Remember(result.Snapshot);
        if (!result.Reserved)
        {
            GrainLog.ReservationLost(logger, DepartmentId, agentId);
            return null;
        }

        return result;
    }

    /// <summary>Keeps the newest snapshot of each agent; false when <paramref name="snapshot"/> is older.</summary>
    private bool Remember(AgentSnapshot snapshot)
    {
        if (_agents.TryGetValue(snapshot.AgentId, out var known) && known.Version > snapshot.Version)
        {
            return false;
        }

        _agents[snapshot.AgentId] = snapshot;
        return true;
    }

    private RoutingRequest BuildRequest(CallerProfile caller, IReadOnlySet<long> tried) => new()
    {
        Caller = caller,
        Agents = _agents,
        Absences = _absences,
        Settings = _profile.Settings,
        AlreadyTried = tried,
        Now = time.GetUtcNow(),
        DepartmentId = DepartmentId,
    };

    private async Task RefreshIfStaleAsync()
    {
        if (time.GetUtcNow() - _directoryLoadedAt >= TimeSpan.FromSeconds(options.Value.DirectoryRefreshSeconds))
        {
            await LoadDirectoryAsync(CancellationToken.None);
        }
    }

    private async Task LoadDirectoryAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        _profile = await directory.GetDepartmentAsync(DepartmentId, cancellationToken)
            ?? new DepartmentProfile { DepartmentId = DepartmentId, Name = $"#{DepartmentId}" };

        // Absences that cover any moment until the next refresh; the policy checks each against "now".
        var absences = await directory.GetAbsencesAsync(DepartmentId, now, now.AddSeconds(options.Value.DirectoryRefreshSeconds), cancellationToken);
        _absences = absences.GroupBy(a => a.AgentId).ToDictionary(g => g.Key, g => g.OrderBy(a => a.From).First());
        _directoryLoadedAt = now;
    }

    private void ScheduleOverflow()
    {
        if (Queue.NextExpiry(TimeSpan.FromSeconds(_profile.Settings.MaxQueueWaitSeconds)) is { } dueAt)
        {
            var self = this.AsReference<IDepartmentRouterGrain>();
            _overflowTimer.Schedule(time, dueAt, self.OverflowDueAsync, logger);
        }
        else
        {
            _overflowTimer.Cancel();
        }
    }
}
