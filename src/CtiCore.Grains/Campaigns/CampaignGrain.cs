using CtiCore.Abstractions.Agents;
using CtiCore.Abstractions.Calls;
using CtiCore.Abstractions.Campaigns;
using CtiCore.Domain.Campaigns;
using CtiCore.Domain.Campaigns.Pacing;
using CtiCore.Domain.Crm;
using CtiCore.Domain.Ports;
using CtiCore.Domain.Routing;
using CtiCore.Domain.Telephony;
using CtiCore.Grains.Hosting;
using CtiCore.Grains.Timing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CtiCore.Grains.Campaigns;

/// <summary>
/// Invariants (the grain is not reentrant, so each holds between turns): a call is placed only for an entry that
/// <see cref="DialEligibility"/> allowed in the same turn, and the entry is marked Dialing before the command leaves,
/// so no entry is dialled twice at once; an answered call is connected to an agent within
/// <see cref="DialCompliance.MaximumAgentConnectDelay"/> or counted abandoned (never both); every ended call
/// updates its entry through <see cref="RetryScheduler"/> and is logged once by its call id.
/// </summary>
internal sealed class CampaignGrain(
    [PersistentState("campaign", CtiCoreGrainStorage.Name)] IPersistentState<CampaignGrainState> state,
    ICampaignStore store,
    ICallJournal journal,
    IAgentDirectory agents,
    ITelephonyCommandSink commands,
    [FromKeyedServices(CtiCoreClock.Key)] TimeProvider time,
    ILogger<CampaignGrain> logger) : Grain, ICampaignGrain
{
    private static readonly TimeSpan TickPeriod = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan DoNotCallRefresh = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan OutsideWindowRecheck = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan UnknownZoneRecheck = TimeSpan.FromDays(1);

    /// <summary>How long a dial result without a verdict waits for the call's own CallEnded, which says why.</summary>
    private static readonly TimeSpan DialVerdictGrace = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long an answered call may wait for the PBX's machine-detection verdict. Asterisk's AMD decides within its
    /// total_analysis_time (5 s in dialplans/amd.conf); a verdict that never comes (a dialplan without the AMD step,
    /// a lost event) must not leave the callee in silence until the call turns into an abandon, so the call is then
    /// treated as "not sure", which is always a person.
    /// </summary>
    private static readonly TimeSpan ScreeningGrace = TimeSpan.FromSeconds(8);

    /// <summary>
    /// An entry found Dialing at activation had its call cut off by a restart, and that call may still be ringing or
    /// talking on the PBX: it is not dialled again for at least this long, so the callee never gets two calls.
    /// </summary>
    private static readonly TimeSpan InterruptedAttemptQuarantine = TimeSpan.FromHours(1);

    private const int EndedViewsKept = 200;

    private readonly Dictionary<string, CampaignCall> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CallView> _endedViews = new(StringComparer.Ordinal);
    private readonly Queue<string> _endedOrder = new();
    private readonly Dictionary<long, DateTimeOffset> _agentBusySince = [];
    private readonly Dictionary<string, int> _refusals = new(StringComparer.Ordinal);
    private readonly PredictivePacer _pacer = new();
    private Campaign? _campaign;
    private AbandonRateTracker _abandons = null!;
    private DialEligibility _eligibility = null!;
    private DoNotCallSet _doNotCall = new();
    private DateTimeOffset _doNotCallLoadedAt;
    private ITimer? _tick;
    private int _tickQueued;
    private string _lastDecision = "not started";
    private int _agentsLoggedIn;
    private double _occupancy;
    private long? _departmentWrapUpFor;
    private TimeSpan _wrapUp;

    private CampaignGrainState S => state.State;
    private long CampaignId => this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _abandons = new AbandonRateTracker(time);
        await LoadAsync(cancellationToken);
        if (_campaign is { State: CampaignState.Running })
        {
            await RecoverDialingEntriesAsync(cancellationToken);
            StartTicking();
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        StopTicking();
        foreach (var call in _calls.Values)
        {
            call.ConnectDeadline?.Dispose();
        }

        return Task.CompletedTask;
    }

    public async Task<CampaignView> StartAsync()
    {
        var campaign = await RequireCampaignAsync();
        if (campaign.State == CampaignState.Stopped)
        {
            throw new InvalidOperationException($"Campaign {CampaignId} is stopped; a stopped campaign cannot be started again.");
        }

        if (campaign.State != CampaignState.Running)
        {
            await store.SetCampaignStateAsync(CampaignId, CampaignState.Running, CancellationToken.None);
            campaign.State = CampaignState.Running;
            await RecoverDialingEntriesAsync(CancellationToken.None);
        }

        StartTicking();
        return View();
    }

    public async Task<CampaignView> PauseAsync()
    {
        var campaign = await RequireCampaignAsync();
        if (campaign.State == CampaignState.Running)
        {
            await store.SetCampaignStateAsync(CampaignId, CampaignState.Paused, CancellationToken.None);
            campaign.State = CampaignState.Paused;
        }

        StopTicking();
        _lastDecision = "paused";
        return View();
    }

    public async Task<CampaignView> StopAsync()
    {
        var campaign = await RequireCampaignAsync();
        if (campaign.State != CampaignState.Stopped)
        {
            await store.SetCampaignStateAsync(CampaignId, CampaignState.Stopped, CancellationToken.None);
            campaign.State = CampaignState.Stopped;
        }

        StopTicking();
        _lastDecision = "stopped";
        return View();
    }

    public async Task<CampaignView> SetPacingAsync(string pacing)
    {
        if (!Enum.TryParse<PacingMode>(pacing, ignoreCase: true, out var mode) || !Enum.IsDefined(mode))
        {
            throw new ArgumentException($"'{pacing}' is not a pacing mode (Preview, Progressive, Predictive).", nameof(pacing));
        }

        var campaign = await RequireCampaignAsync();
        await store.SetPacingAsync(CampaignId, mode, CancellationToken.None);
        campaign.Pacing = mode;
        return View();
    }

    public async Task<CampaignView> GetViewAsync()
    {
        await RequireCampaignAsync();
        return View();
    }

    public async Task ReloadAsync()
    {
        var wasRunning = _campaign?.State == CampaignState.Running;
        await LoadAsync(CancellationToken.None);
        if (_campaign?.State == CampaignState.Running)
        {
            StartTicking();
        }
        else if (wasRunning)
        {
            StopTicking();
        }
    }

    public async Task TickAsync()
    {
        Interlocked.Exchange(ref _tickQueued, 0);
        if (_campaign is not { State: CampaignState.Running } campaign)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (now - _doNotCallLoadedAt >= DoNotCallRefresh)
        {
            await LoadDoNotCallAsync(CancellationToken.None);
        }

        var views = await AgentViewsAsync(campaign);

        // Answers still inside their 2 s get the agents that freed up since.
        foreach (var waiting in _calls.Values.Where(c => c.Phase == CampaignCallPhase.AwaitingAgent).ToList())
        {
            await TryConnectAsync(waiting, views);
        }

        var snapshot = Snapshot(views, now);
        var toPlace = campaign.Pacing switch
        {
            PacingMode.Predictive => Predictive(snapshot, campaign),
            PacingMode.Progressive => Progressive(snapshot),
            _ => 0,
        };

        if (campaign.Pacing == PacingMode.Preview)
        {
            _lastDecision = "preview: agents start each call";
        }

        if (toPlace > 0)
        {
            await PlaceCallsAsync(campaign, toPlace, reservedAgent: null);
        }
    }

    public async Task<bool> DialForAgentAsync(long agentId)
    {
        var campaign = await RequireCampaignAsync();
        if (campaign.State != CampaignState.Running || !campaign.AgentIds.Contains(agentId))
        {
            return false;
        }

        return await PlaceCallsAsync(campaign, 1, agentId) > 0;
    }

    public async Task HandleAsync(CallEvent callEvent)
    {
        ArgumentNullException.ThrowIfNull(callEvent);
        if (!_calls.TryGetValue(callEvent.CallId, out var call))
        {
            // A duplicate after the end, or a call from before a restart: its entry was put back at activation.
            return;
        }

        if (callEvent.Pbx.ChannelId is { } channel)
        {
            call.PbxChannelId ??= channel;
        }

        switch (callEvent)
        {
            case OutboundDialResult { Answered: true }:
            case CallAnswered when call.Phase == CampaignCallPhase.Ringing:
                if (call.DetectsMachine && call.Phase == CampaignCallPhase.Ringing)
                {
                    // Not a person yet: the PBX listens to the greeting first and reports AnsweringMachineDetected.
                    call.Phase = CampaignCallPhase.Screening;
                    call.AnsweredAt = callEvent.OccurredAt;
                    var screening = this.AsReference<ICampaignGrain>();
                    call.ConnectDeadline?.Dispose();
                    call.ConnectDeadline = time.CreateTimer(_ => _ = FireAsync(() => screening.ScreeningDeadlineAsync(call.CallId)), null, ScreeningGrace, Timeout.InfiniteTimeSpan);
                    break;
                }

                await AnsweredAsync(call, callEvent.OccurredAt);
                break;
            case AnsweringMachineDetected detected when call.Phase is CampaignCallPhase.Screening or CampaignCallPhase.Ringing:
                await MachineDetectionAsync(call, detected);
                break;
            case OutboundDialResult { Answered: false, Cause: CallEndCause.Unknown } result when call.Phase == CampaignCallPhase.Ringing:
                // No verdict (Asterisk's reason 0): the call's CallEnded, carrying the dialplan's DIALSTATUS, follows
                // within moments and decides; only if it never comes does the attempt count as failed.
                CampaignLog.NotAnswered(logger, call.CallId, result.GetType().Name, result.Cause, result.Detail);
                var self = this.AsReference<ICampaignGrain>();
                call.ConnectDeadline?.Dispose();
                call.ConnectDeadline = time.CreateTimer(_ => _ = FireAsync(() => self.DialVerdictDeadlineAsync(call.CallId)), null, DialVerdictGrace, Timeout.InfiniteTimeSpan);
                break;
            case OutboundDialResult result:
                CampaignLog.NotAnswered(logger, call.CallId, result.GetType().Name, result.Cause, result.Detail);
                await FinishAsync(call, NotAnsweredOutcome(result.Cause), callEvent.OccurredAt);
                break;
            case CallAnswered answered when call.Phase == CampaignCallPhase.Connected && !call.AgentAnswered
                && (string.IsNullOrEmpty(answered.Endpoint) || string.Equals(answered.Endpoint, call.AgentEndpoint, StringComparison.OrdinalIgnoreCase)):
                call.AgentAnswered = true;
                call.AgentAnsweredAt = callEvent.OccurredAt;
                if (call.AgentId is { } agentId)
                {
                    await GrainFactory.GetGrain<IAgentGrain>(agentId).CallAnsweredAsync(call.CallId, callEvent.OccurredAt);
                }

                break;
            case CallEnded ended:
                CampaignLog.NotAnswered(logger, call.CallId, ended.GetType().Name, ended.Cause, "pbx cause " + ended.PbxCauseCode);
                var outcome = call.Phase switch
                {
                    CampaignCallPhase.Ringing => NotAnsweredOutcome(ended.Cause),

                    // Hung up while the greeting was analysed: nobody was kept waiting for an agent.
                    CampaignCallPhase.Screening => DialOutcome.NoAnswer,
                    CampaignCallPhase.Connected => DialOutcome.Answered,
                    _ => DialOutcome.Abandoned,
                };
                await FinishAsync(call, outcome, callEvent.OccurredAt);
                break;
        }
    }

    public async Task SetDispositionAsync(string callId, string disposition, DateTimeOffset? callbackAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(disposition);
        var campaign = await RequireCampaignAsync();
        if (!CampaignCallId.TryParse(callId, out var campaignId, out var entryId) || campaignId != CampaignId)
        {
            throw new ArgumentException($"{callId} is not a call of campaign {CampaignId}.", nameof(callId));
        }

        var chosen = campaign.FindDisposition(disposition)
            ?? throw new ArgumentException($"'{disposition}' is not a disposition of campaign {CampaignId}.", nameof(disposition));
        if (S.DispositionedCalls.Contains(callId))
        {
            return;
        }

        if (_calls.ContainsKey(callId) || await store.GetEntryAsync(entryId, CancellationToken.None) is not { } entry)
        {
            throw new InvalidOperationException($"Call {callId} has not ended yet; set the disposition after the hang-up.");
        }

        // The attempt was counted when the call ended; re-apply it with the agent's result instead of counting twice.
        if (entry.LastOutcome == DialOutcome.Answered && entry.Attempts > 0)
        {
            entry.Attempts--;
            RetryScheduler.Apply(campaign, entry, DialOutcome.Answered, entry.LastAttemptAt ?? time.GetUtcNow(), chosen.Code, callbackAt);
            await store.SaveEntryAsync(entry, CancellationToken.None);
        }

        if (chosen.AddsToDoNotCall)
        {
            var added = new DoNotCallEntry { E164 = entry.E164, CampaignId = CampaignId, Reason = "disposition " + chosen.Code, AddedAt = time.GetUtcNow() };
            await store.AddDoNotCallAsync(added, CancellationToken.None);
            _doNotCall.Add(added);
        }

        await store.SetInteractionDispositionAsync(callId, chosen.Code, CancellationToken.None);
        S.Dispositions[chosen.Code] = S.Dispositions.GetValueOrDefault(chosen.Code) + 1;
        S.DispositionedCalls.Add(callId);
        if (S.DispositionedCalls.Count > 1000)
        {
            S.DispositionedCalls.RemoveAt(0);
        }

        await state.WriteStateAsync();
    }

    public Task<CallView?> GetCallViewAsync(string callId)
    {
        if (_calls.TryGetValue(callId, out var call))
        {
            return Task.FromResult<CallView?>(ViewOf(call, ended: false, interactionId: null));
        }

        return Task.FromResult(_endedViews.GetValueOrDefault(callId));
    }

    public async Task DialVerdictDeadlineAsync(string callId)
    {
        if (_calls.TryGetValue(callId, out var call) && call.Phase == CampaignCallPhase.Ringing)
        {
            await FinishAsync(call, DialOutcome.Failed, time.GetUtcNow());
        }
    }

    public async Task ScreeningDeadlineAsync(string callId)
    {
        if (_calls.TryGetValue(callId, out var call) && call.Phase == CampaignCallPhase.Screening)
        {
            CampaignLog.MachineDetectionTimedOut(logger, callId);
            call.ConnectDeadline = null;
            call.Phase = CampaignCallPhase.Ringing;
            await AnsweredAsync(call, time.GetUtcNow());
        }
    }

    public async Task ConnectDeadlineAsync(string callId)
    {
        if (!_calls.TryGetValue(callId, out var call) || call.Phase != CampaignCallPhase.AwaitingAgent)
        {
            return;
        }

        // One last look: an agent may have freed up in the last tick.
        if (await TryConnectAsync(call, null))
        {
            return;
        }

        // The dialplan plays the recorded message to an answer nobody took; the call counts as abandoned now,
        // as the regulators count it, even though the callee may still be listening.
        call.Phase = CampaignCallPhase.Abandoned;
        _abandons.Record(DialOutcome.Abandoned);
        CampaignLog.Abandoned(logger, call.CallId);
    }

    private async Task MachineDetectionAsync(CampaignCall call, AnsweringMachineDetected detected)
    {
        CampaignLog.MachineDetection(logger, call.CallId, detected.Result);
        call.ConnectDeadline?.Dispose();
        call.ConnectDeadline = null;
        switch (detected.Result)
        {
            case AnsweringMachineResult.Machine:
                // The dialplan hangs up on the machine: no agent, no abandon, a retry after the machine delay.
                await FinishAsync(call, DialOutcome.AnsweringMachine, detected.OccurredAt);
                break;
            case AnsweringMachineResult.HungUp:
                // The CallEnded that follows closes the call.
                break;
            default:
                // A person (or not sure, which is never treated as a machine): the 2 s to an agent start now.
                call.Phase = CampaignCallPhase.Ringing;
                await AnsweredAsync(call, detected.OccurredAt);
                break;
        }
    }

    private async Task AnsweredAsync(CampaignCall call, DateTimeOffset occurredAt)
    {
        if (call.Phase != CampaignCallPhase.Ringing)
        {
            return;
        }

        var now = time.GetUtcNow();
        call.AnsweredAt = occurredAt < now ? occurredAt : now;
        call.Phase = CampaignCallPhase.AwaitingAgent;
        _pacer.ObserveAttempt(liveAnswer: true, call.AnsweredAt.Value - call.PlacedAt);
        if (!await TryConnectAsync(call, null))
        {
            var self = this.AsReference<ICampaignGrain>();
            var delay = call.AnsweredAt.Value + DialCompliance.MaximumAgentConnectDelay - now;
            call.ConnectDeadline = time.CreateTimer(_ => _ = FireAsync(() => self.ConnectDeadlineAsync(call.CallId)), null,
                delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Reserves a free agent of the campaign (reserved ones first, then the longest idle) and routes the call to them.</summary>
    private async Task<bool> TryConnectAsync(CampaignCall call, IReadOnlyList<AgentView>? views)
    {
        if (call.AnsweredAt is { } answeredAt && time.GetUtcNow() - answeredAt > DialCompliance.MaximumAgentConnectDelay)
        {
            return false;
        }

        var campaign = _campaign!;
        var now = time.GetUtcNow();
        var candidates = call.AgentId is { } reservedFor
            ? [reservedFor]
            : (views ?? await AgentViewsAsync(campaign))
                .Where(v => v.Snapshot.CanBeOfferedCallAt(now))
                .OrderBy(v => v.Snapshot.LastCallEndedAt ?? DateTimeOffset.MinValue)
                .Select(v => v.Snapshot.AgentId)
                .ToList();
        foreach (var agentId in candidates)
        {
            var reservation = await GrainFactory.GetGrain<IAgentGrain>(agentId).TryReserveAsync(call.CallId);
            if (!reservation.Reserved || reservation.Endpoint is not { } endpoint)
            {
                continue;
            }

            call.ConnectDeadline?.Dispose();
            call.ConnectDeadline = null;
            call.AgentId = agentId;
            call.AgentEndpoint = endpoint;
            call.Phase = CampaignCallPhase.Connected;
            _agentBusySince[agentId] = time.GetUtcNow();
            S.Contacts++;
            await state.WriteStateAsync();
            _abandons.Record(DialOutcome.Answered);
            await SendAsync(new RouteToEndpointCommand
            {
                CommandId = call.CallId + ":route",
                CallId = call.CallId,
                IssuedAt = time.GetUtcNow(),
                Endpoint = endpoint,
                AgentId = agentId,
                RingTimeoutSeconds = (int)DialCompliance.MinimumRingDuration.TotalSeconds,
                Pbx = new PbxCorrelation { ChannelId = call.PbxChannelId, LinkedId = call.CallId },
            });
            return true;
        }

        return false;
    }

    private async Task FinishAsync(CampaignCall call, DialOutcome outcome, DateTimeOffset endedAt)
    {
        _calls.Remove(call.CallId);
        call.ConnectDeadline?.Dispose();
        var campaign = _campaign!;
        var now = time.GetUtcNow();

        if (call.Phase == CampaignCallPhase.AwaitingAgent)
        {
            // Hung up inside the 2 s before an agent was found: an abandon all the same.
            _abandons.Record(DialOutcome.Abandoned);
        }

        if (call.Phase is CampaignCallPhase.Ringing or CampaignCallPhase.Screening && outcome != DialOutcome.Failed)
        {
            _pacer.ObserveAttempt(liveAnswer: false, endedAt - call.PlacedAt);
        }

        S.Attempts++;
        switch (outcome)
        {
            case DialOutcome.Abandoned: S.Abandoned++; break;
            case DialOutcome.Busy: S.Busy++; break;
            case DialOutcome.NoAnswer: S.NoAnswer++; break;
            case DialOutcome.Failed: S.Failed++; break;
            case DialOutcome.AnsweringMachine: S.AnsweringMachines++; break;
        }

        await state.WriteStateAsync();

        if (call.AgentId is { } agentId)
        {
            var agent = GrainFactory.GetGrain<IAgentGrain>(agentId);
            if (call.AgentAnswered)
            {
                if (call.AgentAnsweredAt is { } talkStart && endedAt > talkStart)
                {
                    _pacer.ObserveTalk(endedAt - talkStart);
                }

                await agent.CallEndedAsync(call.CallId, endedAt, await WrapUpAsync(campaign));
                _agentBusySince[agentId] = now;
            }
            else
            {
                await agent.ReleaseAsync(call.CallId);
                _agentBusySince.Remove(agentId);
            }
        }

        if (await store.GetEntryAsync(call.EntryId, CancellationToken.None) is { } entry)
        {
            RetryScheduler.Apply(campaign, entry, outcome, now);
            await store.SaveEntryAsync(entry, CancellationToken.None);
        }

        var interactionId = await journal.RecordInteractionAsync(new Interaction
        {
            Kind = InteractionKind.Call,
            Direction = CallDirection.Outbound,
            CallKey = call.CallId,
            FromNumber = campaign.CallerId,
            ToNumber = call.Number,
            ClientId = call.ClientId,
            AgentId = call.AgentAnswered ? call.AgentId : null,
            DepartmentId = campaign.DepartmentId,
            PbxCallId = call.PbxChannelId,
            PbxLinkedId = call.CallId,
            OfferedAt = call.PlacedAt,
            AnsweredAt = call.AnsweredAt,
            EndedAt = endedAt,
            Outcome = JournalOutcome(outcome),
            WaitSeconds = call.AnsweredAt is { } answered ? (int)(answered - call.PlacedAt).TotalSeconds : (int)(endedAt - call.PlacedAt).TotalSeconds,
            TalkSeconds = call.AgentAnsweredAt is { } talk && endedAt > talk ? (int)(endedAt - talk).TotalSeconds : 0,
            CampaignId = CampaignId,
            RoutingReason = "campaign " + CampaignId + (call.AgentId is { } a ? $": agent {a}" : string.Empty),
        }, CancellationToken.None);
        CampaignLog.CallFinished(logger, call.CallId, outcome, interactionId);
        KeepEndedView(ViewOf(call, ended: true, interactionId));
    }

    /// <summary>Asks the store for due entries and dials those that pass the dial-time check now, up to <paramref name="wanted"/>.</summary>
    private async Task<int> PlaceCallsAsync(Campaign campaign, int wanted, long? reservedAgent)
    {
        var now = time.GetUtcNow();
        var placed = 0;
        var candidates = await store.GetDialCandidatesAsync(CampaignId, now, (wanted * 4) + 16, CancellationToken.None);
        foreach (var (entry, clientZone, lastAbandon) in candidates)
        {
            if (placed >= wanted)
            {
                break;
            }

            var decision = _eligibility.Check(campaign, entry, clientZone, lastAbandon);
            if (!decision.Allowed)
            {
                await DeferAsync(entry, decision, now);
                continue;
            }

            var attempt = entry.Attempts + 1;
            var callId = CampaignCallId.Format(CampaignId, entry.Id, attempt);
            var call = new CampaignCall(callId, entry.Id, entry.E164, entry.ClientId, now) { DetectsMachine = campaign.DetectAnsweringMachine };
            if (reservedAgent is { } agentId)
            {
                var reservation = await GrainFactory.GetGrain<IAgentGrain>(agentId).TryReserveAsync(callId);
                if (!reservation.Reserved)
                {
                    return placed;
                }

                call.AgentId = agentId;
            }

            entry.State = DialListEntryState.Dialing;
            await store.SaveEntryAsync(entry, CancellationToken.None);
            _calls[callId] = call;
            placed++;
            await SendAsync(new CampaignOriginateCommand
            {
                CommandId = callId + ":originate",
                CallId = callId,
                IssuedAt = now,
                CampaignId = CampaignId,
                EntryId = entry.Id,
                Number = entry.E164,
                CallerId = campaign.CallerId,
                RingTimeout = DialCompliance.RingTimeout(TimeSpan.FromSeconds(20)),
                DetectAnsweringMachine = call.DetectsMachine,
            });
        }

        return placed;
    }

    /// <summary>A refused entry is not asked about again before its refusal can change.</summary>
    private async Task DeferAsync(DialListEntry entry, DialDecision decision, DateTimeOffset now)
    {
        var reason = decision.Reason.ToString();
        _refusals[reason] = _refusals.GetValueOrDefault(reason) + 1;
        CampaignLog.Refused(logger, CampaignId, entry.Id, decision.Reason);
        switch (decision.Reason)
        {
            case DialRefusalReason.DoNotCall:
                entry.State = DialListEntryState.DoNotCall;
                entry.NextAttemptAt = null;
                break;
            case DialRefusalReason.AttemptsExhausted:
                entry.State = DialListEntryState.Exhausted;
                entry.NextAttemptAt = null;
                break;
            case DialRefusalReason.OutsideCallingWindow:
                entry.NextAttemptAt = now + OutsideWindowRecheck;
                break;
            case DialRefusalReason.UnknownTimeZone:
                entry.NextAttemptAt = now + UnknownZoneRecheck;
                break;
            case DialRefusalReason.AbandonedRecently or DialRefusalReason.RetryNotDue when decision.NotBefore is { } notBefore:
                entry.NextAttemptAt = notBefore;
                break;
            default:
                return;
        }

        await store.SaveEntryAsync(entry, CancellationToken.None);
    }

    private int Progressive(PacingSnapshot snapshot)
    {
        var inFlight = _calls.Values.Count(c => c.Phase is CampaignCallPhase.Ringing or CampaignCallPhase.AwaitingAgent);
        var n = Math.Max(0, snapshot.ReadyAgents - inFlight);
        _lastDecision = $"progressive: {snapshot.ReadyAgents} ready, {inFlight} in flight → {n}";
        return n;
    }

    private int Predictive(PacingSnapshot snapshot, Campaign campaign)
    {
        if (snapshot.LoggedInAgents == 0)
        {
            _lastDecision = "predictive: no agent logged in";
            return 0;
        }

        // Calls a ready agent is certain to take are never a risk; the pacer's normal approximation is too
        // cautious for a team of one or two to allow even those.
        var decision = _pacer.Decide(snapshot, campaign.AbandonCap);
        var certain = Math.Max(0, snapshot.ReadyAgents - snapshot.RingingFor.Count - snapshot.CallsWaitingForAgent);
        var n = Math.Max(decision.CallsToPlace, certain);
        _lastDecision = $"predictive: {n} calls (model {decision.CallsToPlace}, predicted abandon {decision.PredictedAbandonRatio:P2}), {decision.Reason}";
        return n;
    }

    private PacingSnapshot Snapshot(IReadOnlyList<AgentView> views, DateTimeOffset now)
    {
        TimeSpan InState(long agentId) =>
            _agentBusySince.TryGetValue(agentId, out var since) && now > since ? now - since : TimeSpan.Zero;

        // An agent whose phone just answered busy is not ready: pacing for them would only abandon answered calls.
        var ready = views.Count(v => v.Snapshot.CanBeOfferedCallAt(now));
        var talking = views.Where(v => v.Status is AgentStatus.OnCall or AgentStatus.Reserved).Select(v => InState(v.Snapshot.AgentId)).ToList();
        var wrapping = views.Where(v => v.Status == AgentStatus.WrapUp).Select(v => InState(v.Snapshot.AgentId)).ToList();
        _agentsLoggedIn = ready + talking.Count + wrapping.Count;
        _occupancy = _agentsLoggedIn == 0 ? 0 : (double)(talking.Count + wrapping.Count) / _agentsLoggedIn;
        return new PacingSnapshot
        {
            Now = now,
            ReadyAgents = ready,
            TalkingFor = talking,
            WrappingUpFor = wrapping,
            RingingFor = [.. _calls.Values.Where(c => c.Phase == CampaignCallPhase.Ringing).Select(c => now - c.PlacedAt)],
            CallsWaitingForAgent = _calls.Values.Count(c => c.Phase == CampaignCallPhase.AwaitingAgent),
            Abandon = _abandons.Current,
        };
    }

    private async Task<IReadOnlyList<AgentView>> AgentViewsAsync(Campaign campaign) =>
        await Task.WhenAll(campaign.AgentIds.Select(id => GrainFactory.GetGrain<IAgentGrain>(id).GetViewAsync()));

    private async Task<TimeSpan> WrapUpAsync(Campaign campaign)
    {
        if (campaign.DepartmentId is { } departmentId && _departmentWrapUpFor != departmentId)
        {
            var department = await agents.GetDepartmentAsync(departmentId, CancellationToken.None);
            _wrapUp = TimeSpan.FromSeconds(department?.Settings.WrapUpSeconds ?? 0);
            _departmentWrapUpFor = departmentId;
        }

        return _wrapUp;
    }

    private async Task SendAsync(TelephonyCommand command)
    {
        // Awaited, so a tick has handed every call to the PBX adapter when it returns. Adapters must not wait for the
        // ringing (ITelephonyCommandSink's contract): the outcome comes back to this grain as an event, and a sink that
        // awaited it here would deadlock this non-reentrant grain.
        try
        {
            await commands.SendAsync(command, CancellationToken.None);
        }
#pragma warning disable CA1031 // Nobody to throw to: the call's end arrives as an event, or the entry is put back at restart.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            GrainLog.CommandFailed(logger, command.CallId, command.GetType().Name, ex);
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        _campaign = await store.GetCampaignAsync(CampaignId, cancellationToken);
        await LoadDoNotCallAsync(cancellationToken);
    }

    private async Task LoadDoNotCallAsync(CancellationToken cancellationToken)
    {
        _doNotCall = new DoNotCallSet(await store.GetDoNotCallAsync(CampaignId, cancellationToken));
        _eligibility = new DialEligibility(time, _doNotCall);
        _doNotCallLoadedAt = time.GetUtcNow();
    }

    private async Task RecoverDialingEntriesAsync(CancellationToken cancellationToken)
    {
        // Entries a previous activation left in Dialing have no call here any more: the silo stopped while they were
        // dialled. The attempt counts (it was placed) and the entry waits out the quarantine, because its call may
        // still be alive on the PBX; its late events find no call here and are ignored.
        var campaign = _campaign;
        var now = time.GetUtcNow();
        foreach (var entry in await store.GetDialingEntriesAsync(CampaignId, cancellationToken))
        {
            if (_calls.Values.Any(c => c.EntryId == entry.Id))
            {
                continue;
            }

            if (campaign is null)
            {
                entry.State = DialListEntryState.Pending;
            }
            else
            {
                RetryScheduler.Apply(campaign, entry, DialOutcome.Failed, now);
                if (entry.State == DialListEntryState.Pending && (entry.NextAttemptAt is null || entry.NextAttemptAt < now + InterruptedAttemptQuarantine))
                {
                    entry.NextAttemptAt = now + InterruptedAttemptQuarantine;
                }
            }

            CampaignLog.InterruptedAttempt(logger, CampaignId, entry.Id);
            await store.SaveEntryAsync(entry, cancellationToken);
        }
    }

    private async Task<Campaign> RequireCampaignAsync()
    {
        if (_campaign is null)
        {
            await LoadAsync(CancellationToken.None);
        }

        return _campaign ?? throw new InvalidOperationException($"There is no campaign {CampaignId}.");
    }

    private void StartTicking()
    {
        if (_tick is not null)
        {
            return;
        }

        var self = this.AsReference<ICampaignGrain>();
        _tick = time.CreateTimer(_ =>
        {
            // At most one tick waiting in the grain's queue: a slow round never piles up more.
            if (Interlocked.CompareExchange(ref _tickQueued, 1, 0) == 0)
            {
                _ = FireAsync(self.TickAsync);
            }
        }, null, TickPeriod, TickPeriod);
        _lastDecision = "running";
    }

    private void StopTicking()
    {
        _tick?.Dispose();
        _tick = null;
    }

    private async Task FireAsync(Func<Task> callback)
    {
        try
        {
            await callback();
        }
#pragma warning disable CA1031 // A timer callback has nobody to throw to; the next tick retries.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            GrainLog.DeadlineCallbackFailed(logger, ex);
        }
    }

    private CampaignView View()
    {
        var rates = _abandons.Current;
        return new CampaignView
        {
            CampaignId = CampaignId,
            State = _campaign?.State.ToString() ?? string.Empty,
            Pacing = _campaign?.Pacing.ToString() ?? string.Empty,
            Attempts = S.Attempts,
            Contacts = S.Contacts,
            Abandoned = S.Abandoned,
            Busy = S.Busy,
            NoAnswer = S.NoAnswer,
            Failed = S.Failed,
            Dispositions = new Dictionary<string, int>(S.Dispositions, StringComparer.OrdinalIgnoreCase),
            AbandonRate30Days = rates.Campaign30Days.Rate,
            AbandonRate24Hours = rates.Last24Hours.Rate,
            AbandonRateControl = rates.Control.Rate,
            AbandonCap = _campaign?.AbandonCap ?? DialCompliance.DefaultAbandonCap,
            InFlight = _calls.Values.Count(c => c.Phase is CampaignCallPhase.Ringing or CampaignCallPhase.AwaitingAgent),
            AgentsLoggedIn = _agentsLoggedIn,
            AgentOccupancy = _occupancy,
            LastDecision = _lastDecision,
            Refusals = new Dictionary<string, int>(_refusals, StringComparer.Ordinal),
            EstimatedAnswerProbability = _pacer.AnswerProbability,
            AnsweringMachines = S.AnsweringMachines,
        };
    }

    /// <summary>The desktop's view of a campaign call: the callee is the "caller" of the pop, the campaign's agent the one it rings.</summary>
    private CallView ViewOf(CampaignCall call, bool ended, long? interactionId) => new()
    {
        CallId = call.CallId,
        Stage = ended ? CallStage.Ended : call.AgentAnswered ? CallStage.Answered : CallStage.Ringing,
        DepartmentId = _campaign?.DepartmentId,
        Caller = new CallerProfile { NumberE164 = call.Number, ClientId = call.ClientId },
        RingingAgentId = call.AgentAnswered ? null : call.AgentId,
        AnsweredAgentId = call.AgentAnswered ? call.AgentId : null,
        InteractionId = interactionId,
        RoutingReason = "campaign " + CampaignId,
        Direction = CallDirection.Outbound,
    };

    private void KeepEndedView(CallView view)
    {
        if (_endedViews.TryAdd(view.CallId, view))
        {
            _endedOrder.Enqueue(view.CallId);
        }

        while (_endedOrder.Count > EndedViewsKept)
        {
            _endedViews.Remove(_endedOrder.Dequeue());
        }
    }

    private static DialOutcome NotAnsweredOutcome(CallEndCause cause) => cause switch
    {
        CallEndCause.Busy => DialOutcome.Busy,
        CallEndCause.NoAnswer or CallEndCause.CallerHungUp => DialOutcome.NoAnswer,
        _ => DialOutcome.Failed,
    };

    private static CallOutcome JournalOutcome(DialOutcome outcome) => outcome switch
    {
        DialOutcome.Answered => CallOutcome.Answered,
        DialOutcome.Abandoned => CallOutcome.Abandoned,
        DialOutcome.Busy => CallOutcome.Busy,
        DialOutcome.NoAnswer => CallOutcome.Missed,
        DialOutcome.AnsweringMachine => CallOutcome.Voicemail,
        _ => CallOutcome.Failed,
    };
}
