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
/// Invariants (not reentrant; each holds between turns): a call is in the queue at most once; an agent the router
/// has just chosen is held as "offered" in its picture (so no second call is given the same agent) until the agent
/// grain reports a newer state, the call cancels, or the hold expires; a queued call is offered the moment an
/// agent reports itself free. The router never awaits another grain on the routing path: the call grain makes the
/// reservation on the agent grain, whose own single-threaded check (only an available agent is reserved) is what
/// guarantees one call per agent. Calls to call grains are one-way, so there are no call cycles.
/// </summary>
internal sealed class DepartmentRouterGrain(
    [PersistentState("router", CtiCoreGrainStorage.Name)] IPersistentState<RouterState> state,
    IAgentDirectory directory,
    IOptions<CtiCoreGrainsOptions> options,
    [FromKeyedServices(CtiCoreClock.Key)] TimeProvider time,
    ILogger<DepartmentRouterGrain> logger) : Grain, IDepartmentRouterGrain
{
    /// <summary>How long an offer holds an agent if neither the agent nor the call says anything more.</summary>
    private static readonly TimeSpan OfferHold = TimeSpan.FromSeconds(15);

    private readonly Dictionary<long, AgentSnapshot> _agents = [];

    /// <summary>Ids in <see cref="_agents"/> that can take a call, kept with every change so a decision looks only at free agents.</summary>
    private readonly HashSet<long> _available = [];
    private readonly Dictionary<long, HeldOffer> _held = [];

    /// <summary>
    /// Agents whose phone answered busy, kept out of <see cref="_available"/> until the time given. Read from their
    /// snapshots (<see cref="AgentSnapshot.RingCooldownUntil"/>): the agent grain owns the cool-down, so it outlives
    /// this activation and the supervisor sees it on the agent.
    /// </summary>
    private readonly Dictionary<long, DateTimeOffset> _coolingDown = [];
    private readonly GrainDeadline _overflowTimer = new();
    private readonly GrainDeadline _coolDownTimer = new();
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
        _coolDownTimer.Cancel();
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
        ReleaseOffersOf(request.CallId);
        var wasQueued = Queue.Remove(request.CallId);
        var freed = ReleaseExpiredOffers();
        freed |= EndCoolDowns();
        if (freed)
        {
            // An agent came free without telling us: the calls already waiting get them before this one.
            await OfferQueuedCallsAsync();
        }

        var tried = request.AlreadyTried.ToHashSet();
        var decision = RoutingPolicy.Decide(BuildRequest(request.Caller, tried));
        if (decision.Outcome == RoutingOutcome.Agent)
        {
            Hold(decision.AgentId!.Value, request.CallId);
            if (wasQueued)
            {
                await state.WriteStateAsync();
                ScheduleOverflow();
            }

            return new RouteResult { Decision = decision };
        }

        var position = Queue.Enqueue(request.CallId, request.Caller.QueuePriority, request.QueuedSince ?? time.GetUtcNow(), request.Caller, tried);
        await state.WriteStateAsync();
        ScheduleOverflow();
        return new RouteResult { Decision = decision, QueuePosition = position };
    }

    public async Task CancelAsync(string callId)
    {
        var released = ReleaseOffersOf(callId);
        if (Queue.Remove(callId))
        {
            await state.WriteStateAsync();
            ScheduleOverflow();
        }

        if (released && Queue.Count > 0)
        {
            await OfferQueuedCallsAsync();
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

    public async Task CoolDownDueAsync()
    {
        if (EndCoolDowns() && Queue.Count > 0)
        {
            await OfferQueuedCallsAsync();
        }

        ScheduleCoolDownEnd();
    }

    /// <summary>Puts agents whose cool-down is over back into the picture as their last snapshot says; true if any.</summary>
    private bool EndCoolDowns()
    {
        var now = time.GetUtcNow();
        var ended = _coolingDown.Where(c => c.Value <= now).Select(c => c.Key).ToList();
        foreach (var agentId in ended)
        {
            _coolingDown.Remove(agentId);
            if (_agents.TryGetValue(agentId, out var snapshot))
            {
                Set(snapshot);
            }
        }

        return ended.Count > 0;
    }

    /// <summary>Starts (or keeps) the cool-down a snapshot carries while it lies ahead; one that is over is left to <see cref="EndCoolDowns"/>.</summary>
    private void NoteCoolDown(AgentSnapshot snapshot)
    {
        if (snapshot.RingCooldownUntil is not { } until || until <= time.GetUtcNow()
            || (_coolingDown.TryGetValue(snapshot.AgentId, out var known) && known >= until))
        {
            return;
        }

        _coolingDown[snapshot.AgentId] = until;
        ScheduleCoolDownEnd();
    }

    private void ScheduleCoolDownEnd()
    {
        if (_coolingDown.Count > 0)
        {
            var self = this.AsReference<IDepartmentRouterGrain>();
            _coolDownTimer.Schedule(time, _coolingDown.Values.Min(), self.CoolDownDueAsync, logger);
        }
        else
        {
            _coolDownTimer.Cancel();
        }
    }

    /// <summary>Offers waiting calls, in queue order, to whoever is free now.</summary>
    private async Task OfferQueuedCallsAsync()
    {
        var offers = new List<(string CallId, RouteResult Result)>();
        foreach (var waiting in Queue.Entries.ToList())
        {
            if (_available.Count == 0)
            {
                break;
            }

            var decision = RoutingPolicy.Decide(BuildRequest(waiting.Caller, waiting.AlreadyTried.ToHashSet()));
            if (decision.Outcome != RoutingOutcome.Agent)
            {
                // This call has rung everyone free already; the next one in line may still fit.
                continue;
            }

            Hold(decision.AgentId!.Value, waiting.CallId);
            Queue.Remove(waiting.CallId);
            var waited = (int)(time.GetUtcNow() - waiting.QueuedSince).TotalSeconds;
            offers.Add((waiting.CallId, new RouteResult { Decision = decision with { Reason = $"queued {waited} s → {decision.Reason}" } }));
        }

        if (offers.Count > 0)
        {
            await state.WriteStateAsync();
            ScheduleOverflow();
            foreach (var (callId, result) in offers)
            {
                await GrainFactory.GetGrain<ICallGrain>(callId).AgentAssignedAsync(result);
            }
        }
    }

    /// <summary>Marks the chosen agent busy in the router's picture until the agent itself reports.</summary>
    private void Hold(long agentId, string callId)
    {
        var snapshot = _agents[agentId];
        _held[agentId] = new HeldOffer(callId, snapshot, time.GetUtcNow());
        Set(snapshot with { Status = AgentStatus.Reserved });
    }

    private bool ReleaseOffersOf(string callId) => Release(_held.Where(h => h.Value.CallId == callId).ToList());

    /// <summary>An offer nobody followed up (the call grain died before reserving) must not hide an agent for good.</summary>
    private bool ReleaseExpiredOffers()
    {
        var now = time.GetUtcNow();
        return Release(_held.Where(h => now - h.Value.At >= OfferHold).ToList());
    }

    private bool Release(List<KeyValuePair<long, HeldOffer>> offers)
    {
        foreach (var (agentId, offer) in offers)
        {
            _held.Remove(agentId);
            Set(offer.Before);
        }

        return offers.Count > 0;
    }

    /// <summary>Keeps the newest snapshot of each agent; false when <paramref name="snapshot"/> is older.</summary>
    private bool Remember(AgentSnapshot snapshot)
    {
        if (_held.TryGetValue(snapshot.AgentId, out var offer))
        {
            // Only news from after the offer replaces it.
            if (snapshot.Version <= offer.Before.Version)
            {
                return false;
            }

            _held.Remove(snapshot.AgentId);
        }
        else if (_agents.TryGetValue(snapshot.AgentId, out var known) && known.Version > snapshot.Version)
        {
            return false;
        }

        Set(snapshot);
        return true;
    }

    /// <summary>The only writer of <see cref="_agents"/>, so <see cref="_available"/> always matches it.</summary>
    private void Set(AgentSnapshot snapshot)
    {
        _agents[snapshot.AgentId] = snapshot;
        NoteCoolDown(snapshot);
        if (snapshot.CanTakeCall && !_coolingDown.ContainsKey(snapshot.AgentId))
        {
            _available.Add(snapshot.AgentId);
        }
        else
        {
            _available.Remove(snapshot.AgentId);
        }
    }

    private RoutingRequest BuildRequest(CallerProfile caller, IReadOnlySet<long> tried) => new()
    {
        Caller = caller,
        Agents = _agents,
        Available = _available,
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

    private sealed record HeldOffer(string CallId, AgentSnapshot Before, DateTimeOffset At);
}
