using CtiCore.Abstractions.Agents;
using CtiCore.Abstractions.Routing;
using CtiCore.Domain.Ports;
using CtiCore.Domain.Routing;
using CtiCore.Domain.Telephony;
using CtiCore.Grains.Hosting;
using CtiCore.Grains.Timing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CtiCore.Grains.Agents;

/// <summary>
/// Invariants (the grain is not reentrant, so each holds between turns):
/// an agent holds at most one call (<see cref="AgentState.CurrentCallId"/>); only an available agent with a
/// reachable phone is reserved; every change bumps <see cref="AgentState.Version"/> and is told to the router
/// one-way, so the router can drop reordered snapshots and never waits on an agent that waits on it.
/// </summary>
internal sealed class AgentGrain(
    [PersistentState("agent", CtiCoreGrainStorage.Name)] IPersistentState<AgentState> state,
    IAgentDirectory directory,
    IEnumerable<IAgentStateListener> listeners,
    [FromKeyedServices(CtiCoreClock.Key)] TimeProvider time,
    ILogger<AgentGrain> logger) : Grain, IAgentGrain
{
    private const int RememberedCalls = 32;
    private readonly GrainDeadline _wrapUpTimer = new();
    private AgentProfile? _profile;

    private AgentState S => state.State;
    private long AgentId => this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _profile = await directory.GetAgentAsync(AgentId, cancellationToken);
        if (S.Status == AgentStatus.WrapUp && S.WrapUpEndsAt is { } endsAt && S.CurrentCallId is { } callId)
        {
            ScheduleWrapUpEnd(endsAt, callId);
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _wrapUpTimer.Cancel();
        return Task.CompletedTask;
    }

    public async Task<AgentView> LogInAsync()
    {
        if (_profile is null || !_profile.IsActive)
        {
            // The CRM may have gained the user since activation.
            _profile = await directory.GetAgentAsync(AgentId, CancellationToken.None);
        }

        if (_profile is null || !_profile.IsActive)
        {
            throw new InvalidOperationException($"There is no active user with id {AgentId}.");
        }

        if (S.Status == AgentStatus.LoggedOut)
        {
            await ChangeAsync(AgentStatus.Available);
        }

        return View();
    }

    public async Task<AgentView> LogOutAsync()
    {
        if (S.Status is AgentStatus.Reserved or AgentStatus.OnCall)
        {
            throw new InvalidOperationException($"Agent {AgentId} is on a call; log out after it.");
        }

        if (S.Status != AgentStatus.LoggedOut)
        {
            _wrapUpTimer.Cancel();
            S.CurrentCallId = null;
            S.WrapUpEndsAt = null;
            S.PauseReason = null;
            S.PendingPauseReason = null;
            await ChangeAsync(AgentStatus.LoggedOut);
        }

        return View();
    }

    public async Task<AgentView> PauseAsync(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        switch (S.Status)
        {
            case AgentStatus.LoggedOut:
                throw new InvalidOperationException($"Agent {AgentId} is logged out; log in first.");
            case AgentStatus.Reserved or AgentStatus.OnCall:
                S.PendingPauseReason = reason;
                await SaveAsync();
                break;
            default:
                _wrapUpTimer.Cancel();
                S.WrapUpEndsAt = null;
                S.CurrentCallId = null;
                S.PauseReason = reason;
                await ChangeAsync(AgentStatus.Paused);
                break;
        }

        return View();
    }

    public async Task<AgentView> ResumeAsync()
    {
        if (S.Status == AgentStatus.LoggedOut)
        {
            throw new InvalidOperationException($"Agent {AgentId} is logged out; log in first.");
        }

        S.PendingPauseReason = null;
        if (S.Status == AgentStatus.Paused)
        {
            S.PauseReason = null;
            await ChangeAsync(AgentStatus.Available);
        }
        else
        {
            await SaveAsync();
        }

        return View();
    }

    public Task<AgentView> GetViewAsync()
    {
        RollDay();
        return Task.FromResult(View());
    }

    public async Task<ReservationResult> TryReserveAsync(string callId)
    {
        ArgumentException.ThrowIfNullOrEmpty(callId);
        if (S.Status == AgentStatus.Reserved && S.CurrentCallId == callId)
        {
            return Reservation(reserved: true);
        }

        if (S.Status != AgentStatus.Available || !IsReachable)
        {
            return Reservation(reserved: false);
        }

        S.CurrentCallId = callId;
        await ChangeAsync(AgentStatus.Reserved);
        return Reservation(reserved: true);
    }

    public async Task ReleaseAsync(string callId)
    {
        if (S.Status == AgentStatus.Reserved && S.CurrentCallId == callId)
        {
            S.CurrentCallId = null;
            await BecomeFreeAsync();
        }
    }

    public async Task RingFailedAsync(string callId, RingFailureReason reason, string pauseReason)
    {
        if (S.Status == AgentStatus.Reserved && S.CurrentCallId == callId)
        {
            RollDay();
            S.CurrentCallId = null;
            if (CountsAsMissed(reason))
            {
                S.MissedCallsToday++;
            }

            S.PendingPauseReason = null;
            S.PauseReason = string.IsNullOrWhiteSpace(pauseReason) ? "Missed call" : pauseReason;
            await ChangeAsync(AgentStatus.Paused);
        }
    }

    public async Task RingBusyAsync(string callId, TimeSpan coolDown)
    {
        if (S.Status == AgentStatus.Reserved && S.CurrentCallId == callId)
        {
            S.CurrentCallId = null;
            if (coolDown > TimeSpan.Zero)
            {
                var until = time.GetUtcNow() + coolDown;
                S.RingCooldownUntil = S.RingCooldownUntil > until ? S.RingCooldownUntil : until;
                if (_profile?.DepartmentId is { } departmentId)
                {
                    GrainLog.BusyCoolDown(logger, departmentId, AgentId, S.RingCooldownUntil.Value);
                }
            }

            await BecomeFreeAsync();
        }
    }

    /// <summary>
    /// A missed call, as a supervisor counts it: offered to the agent and not taken by them (rang out, declined). A
    /// phone that could not be reached never offered it: that is a device problem, shown by the pause reason instead.
    /// </summary>
    private static bool CountsAsMissed(RingFailureReason reason) => reason != RingFailureReason.Unreachable;

    public async Task<bool> CallAnsweredAsync(string callId, DateTimeOffset answeredAt)
    {
        if (S.Status == AgentStatus.OnCall)
        {
            if (S.CurrentCallId == callId)
            {
                return true;
            }

            // The phone took a second call behind CtiCore's back (a direct dial, a pickup): record it, keep the first.
            S.OverlappingAnswers++;
            GrainLog.OverlappingAnswer(logger, AgentId, callId, S.CurrentCallId);
            await SaveAsync();
            return false;
        }

        if (S.RecentlyEndedCalls.Contains(callId) || (S.Status == AgentStatus.Reserved && S.CurrentCallId != callId))
        {
            return false;
        }

        _wrapUpTimer.Cancel();
        S.WrapUpEndsAt = null;
        S.CurrentCallId = callId;
        S.AnsweredAt = answeredAt;
        await ChangeAsync(AgentStatus.OnCall);
        return true;
    }

    public async Task CallEndedAsync(string callId, DateTimeOffset endedAt, TimeSpan wrapUp)
    {
        if (S.Status != AgentStatus.OnCall || S.CurrentCallId != callId || S.RecentlyEndedCalls.Contains(callId))
        {
            return;
        }

        RollDay();
        S.CallsToday++;
        if (S.AnsweredAt is { } answeredAt && endedAt > answeredAt)
        {
            S.TalkSecondsToday += (int)(endedAt - answeredAt).TotalSeconds;
        }

        S.LastCallEndedAt = endedAt;
        S.AnsweredAt = null;
        S.RecentlyEndedCalls.Add(callId);
        if (S.RecentlyEndedCalls.Count > RememberedCalls)
        {
            S.RecentlyEndedCalls.RemoveAt(0);
        }

        if (wrapUp > TimeSpan.Zero)
        {
            var endsAt = time.GetUtcNow() + wrapUp;
            S.WrapUpEndsAt = endsAt;
            await ChangeAsync(AgentStatus.WrapUp);
            ScheduleWrapUpEnd(endsAt, callId);
        }
        else
        {
            S.CurrentCallId = null;
            await BecomeFreeAsync();
        }
    }

    public async Task WrapUpElapsedAsync(string callId)
    {
        if (S.Status != AgentStatus.WrapUp || S.CurrentCallId != callId)
        {
            return;
        }

        if (S.WrapUpEndsAt is { } endsAt && time.GetUtcNow() < endsAt)
        {
            ScheduleWrapUpEnd(endsAt, callId);
            return;
        }

        S.CurrentCallId = null;
        S.WrapUpEndsAt = null;
        await BecomeFreeAsync();
    }

    public async Task DeviceStateChangedAsync(DeviceState deviceState, EventOrder order)
    {
        if (S.LastDeviceChange is { } last && !order.IsAfter(last))
        {
            return;
        }

        var wasReachable = IsReachable;
        S.LastDeviceChange = order;
        S.DeviceState = deviceState;
        if (wasReachable != IsReachable)
        {
            await ChangeAsync(S.Status);
        }
        else
        {
            await SaveAsync();
        }
    }

    private bool IsReachable => S.DeviceState != DeviceState.Unavailable;

    /// <summary>After a call or a reservation: a pause asked for meanwhile wins over becoming available.</summary>
    private Task BecomeFreeAsync()
    {
        if (S.PendingPauseReason is { } reason)
        {
            S.PauseReason = reason;
            S.PendingPauseReason = null;
            return ChangeAsync(AgentStatus.Paused);
        }

        return ChangeAsync(AgentStatus.Available);
    }

    private void ScheduleWrapUpEnd(DateTimeOffset endsAt, string callId)
    {
        var self = this.AsReference<IAgentGrain>();
        _wrapUpTimer.Schedule(time, endsAt, () => self.WrapUpElapsedAsync(callId), logger);
    }

    private async Task ChangeAsync(AgentStatus status)
    {
        var from = S.Status;
        S.Status = status;
        S.Version++;
        RollDay();
        await SaveAsync();
        if (from != status)
        {
            GrainLog.AgentStatusChanged(logger, AgentId, from, status);
        }

        if (_profile?.DepartmentId is { } departmentId)
        {
            await GrainFactory.GetGrain<IDepartmentRouterGrain>(departmentId).AgentChangedAsync(Snapshot());
        }

        foreach (var listener in listeners)
        {
            listener.AgentChanged(AgentId);
        }
    }

    private Task SaveAsync() => state.WriteStateAsync();

    /// <summary>"Today" is the UTC day; figures reset when it changes.</summary>
    private void RollDay()
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (S.LoadDay != today)
        {
            S.LoadDay = today;
            S.CallsToday = 0;
            S.TalkSecondsToday = 0;
            S.MissedCallsToday = 0;
        }
    }

    private AgentSnapshot Snapshot() => new()
    {
        AgentId = AgentId,
        DisplayName = _profile?.DisplayName ?? $"#{AgentId}",
        Status = S.Status,
        DeviceReachable = IsReachable,
        ActiveCalls = S.Status is AgentStatus.OnCall ? 1 : 0,
        CallsToday = S.CallsToday,
        TalkSecondsToday = S.TalkSecondsToday,
        LastCallEndedAt = S.LastCallEndedAt,
        Version = S.Version,
        RingCooldownUntil = S.RingCooldownUntil,
    };

    private ReservationResult Reservation(bool reserved) => new()
    {
        Reserved = reserved,
        Snapshot = Snapshot(),
        Endpoint = _profile?.PrimaryEndpoint,
    };

    private AgentView View() => new()
    {
        Snapshot = Snapshot(),
        DepartmentId = _profile?.DepartmentId,
        PauseReason = S.PauseReason,
        PendingPauseReason = S.PendingPauseReason,
        CurrentCallId = S.CurrentCallId,
        WrapUpEndsAt = S.WrapUpEndsAt,
        DeviceState = S.DeviceState,
        MissedCallsToday = S.MissedCallsToday,
        Endpoint = _profile?.PrimaryEndpoint,
        OverlappingAnswers = S.OverlappingAnswers,
        RingCooldownUntil = S.RingCooldownUntil > time.GetUtcNow() ? S.RingCooldownUntil : null,
    };
}
