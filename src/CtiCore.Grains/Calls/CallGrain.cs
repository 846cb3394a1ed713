using System.Globalization;
using CtiCore.Abstractions.Agents;
using CtiCore.Abstractions.Callers;
using CtiCore.Abstractions.Calls;
using CtiCore.Abstractions.Routing;
using CtiCore.Domain.Crm;
using CtiCore.Domain.Phones;
using CtiCore.Domain.Ports;
using CtiCore.Domain.Routing;
using CtiCore.Domain.Telephony;
using CtiCore.Grains.Hosting;
using CtiCore.Grains.Timing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CtiCore.Grains.Calls;

/// <summary>
/// Invariants (not reentrant; each holds between turns): at most one agent is reserved for the call
/// (<see cref="CallState.RingingAgentId"/>) and none is rung twice (<see cref="CallState.AlreadyTried"/>);
/// the timeline never moves back (docs/telephony-events.md); once ended, the call is logged exactly once —
/// <see cref="CallState.JournalPending"/> is persisted before the write and cleared after it, the journal is
/// idempotent by call key, and a failed write is retried by timer, so a crash or a second end event can
/// neither lose nor double the Interaction.
/// </summary>
internal sealed partial class CallGrain(
    [PersistentState("call", CtiCoreGrainStorage.Name)] IPersistentState<CallState> state,
    IAgentDirectory agents,
    DepartmentNumberCache departments,
    ICallJournal journal,
    ITelephonyCommandSink commands,
    IOptions<CtiCoreGrainsOptions> options,
    [FromKeyedServices(CtiCoreClock.Key)] TimeProvider time,
    ILogger<CallGrain> logger) : Grain, ICallGrain
{
    private const int MaxReasonLength = 1000;
    private readonly GrainDeadline _ringTimer = new();
    private readonly GrainDeadline _journalRetry = new();
    private PhoneNormalizer? _normalizer;

    private CallState S => state.State;
    private CallTimeline Timeline => S.Timeline;
    private string CallId => this.GetPrimaryKeyString();
    private PhoneNormalizer Normalizer => _normalizer ??= new PhoneNormalizer(options.Value.DefaultRegion);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var self = this.AsReference<ICallGrain>();
        if (S.RingingAgentId is { } agentId && S.RingDeadline is { } deadline && !Timeline.IsEnded && Timeline.AnsweredAt is null)
        {
            var attempt = S.Attempt;
            _ringTimer.Schedule(time, deadline, () => self.RingTimeoutAsync(agentId, attempt), logger);
        }

        if (S.JournalPending)
        {
            _journalRetry.Schedule(time, time.GetUtcNow(), self.RetryJournalAsync, logger);
        }

        if (S.RoutingPending && !Timeline.IsEnded)
        {
            // The previous activation died between the offer and its first decision.
            _ringTimer.Schedule(time, time.GetUtcNow(), self.ResumeRoutingAsync, logger);
        }

        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _ringTimer.Cancel();
        _journalRetry.Cancel();
        return Task.CompletedTask;
    }

    public async Task<EventDisposition> HandleAsync(CallEvent callEvent)
    {
        ArgumentNullException.ThrowIfNull(callEvent);
        if (callEvent.CallId != CallId)
        {
            throw new ArgumentException($"The event is for call '{callEvent.CallId}', not '{CallId}'.", nameof(callEvent));
        }

        var wasEnded = Timeline.IsEnded;
        var disposition = Timeline.Apply(callEvent);
        GrainLog.CallEventApplied(logger, CallId, callEvent.GetType().Name, disposition);
        if (disposition is not (EventDisposition.Applied or EventDisposition.Merged))
        {
            return disposition;
        }

        switch (callEvent)
        {
            case CallOffered when disposition == EventDisposition.Applied:
                await OnOfferedAsync();
                break;
            case CallAnswered answered when Timeline.AnsweredLegs > 1:
                await OnTransferAnsweredAsync(answered);
                break;
            case CallAnswered answered:
                await OnAnsweredAsync(answered);
                break;
            case CallTransferStarted started:
                await OnTransferStartedAsync(started);
                break;
            case CallTransferred transferred:
                await OnTransferredAsync(transferred);
                break;
            case CallRingFailed transferRefused when Timeline.AnsweredAt is not null:
                await OnTransferRingFailedAsync(transferRefused);
                break;
            case CallRingFailed ringFailed:
                await OnRingFailedAsync(ringFailed);
                break;
            case CallEnded:
                await OnEndedAsync();
                break;
            case RecordingStopped stopped when wasEnded:
                await OnRecordingAfterEndAsync(stopped);
                break;
            case OriginateResult { Succeeded: false } failed:
                Timeline.Apply(new CallEnded
                {
                    EventId = failed.EventId + ":ended",
                    Source = failed.Source,
                    Sequence = failed.Sequence,
                    OccurredAt = failed.OccurredAt,
                    CallId = CallId,
                    Cause = CallEndCause.Failed,
                });
                await OnEndedAsync();
                break;
            default:
                await state.WriteStateAsync();
                break;
        }

        return disposition;
    }

    public Task<CallView> GetViewAsync() => Task.FromResult(View());

    public async Task AgentAssignedAsync(RouteResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Decision.AgentId is not { } agentId)
        {
            return;
        }

        if (S.RingingAgentId == agentId)
        {
            return;
        }

        if (Timeline.IsEnded || Timeline.AnsweredAt is not null || S.RingingAgentId is not null || !S.IsQueued)
        {
            // The call no longer needs the agent the router offered: let the router give them to someone else.
            if (S.DepartmentId is { } departmentId)
            {
                await Router(departmentId).CancelAsync(CallId);
            }

            return;
        }

        await ApplyRouteAsync(result, []);
    }

    public async Task OverflowAsync(RoutingDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (Timeline.IsEnded || Timeline.AnsweredAt is not null || S.RingingAgentId is not null || !S.IsQueued)
        {
            return;
        }

        S.IsQueued = false;
        S.Decisions.Add(decision);
        GrainLog.CallRouted(logger, CallId, decision.Outcome, decision.Rule, null, decision.Reason);
        if (decision.OverflowAction == OverflowAction.Department
            && decision.OverflowDepartmentId is { } target
            && S.OverflowHops < options.Value.MaxOverflowHops)
        {
            S.OverflowHops++;
            S.DepartmentId = target;
            S.QueuedSince = null;
            S.Settings = await Router(target).GetSettingsAsync();
            await state.WriteStateAsync();
            await RouteAsync();
            return;
        }

        var action = decision.OverflowAction == OverflowAction.CallbackRequest ? OverflowAction.CallbackRequest : OverflowAction.Voicemail;
        S.OverflowedTo = action;
        await state.WriteStateAsync();
        await SendAsync(new TransferCommand
        {
            CommandId = $"{CallId}:overflow:{S.OverflowHops}",
            DestinationKind = action == OverflowAction.CallbackRequest ? TransferDestinationKind.CallbackRequest : TransferDestinationKind.Voicemail,
            Destination = (S.DepartmentId ?? 0).ToString(CultureInfo.InvariantCulture),
        });
    }

    public async Task RingTimeoutAsync(long agentId, int attempt)
    {
        if (Timeline.IsEnded || Timeline.AnsweredAt is not null || S.RingingAgentId != agentId || S.Attempt != attempt)
        {
            return;
        }

        if (S.RingDeadline is { } deadline && time.GetUtcNow() < deadline)
        {
            var self = this.AsReference<ICallGrain>();
            _ringTimer.Schedule(time, deadline, () => self.RingTimeoutAsync(agentId, attempt), logger);
            return;
        }

        GrainLog.RingNoAnswer(logger, CallId, agentId, S.Settings.RingTimeoutSeconds);
        await MoveOnFromRingAsync(agentId);
    }

    /// <summary>The phone refused (busy, declined) or gave up: the next agent is tried now, not at the ring deadline.</summary>
    private async Task OnRingFailedAsync(CallRingFailed failed)
    {
        if (S.RingingAgentId is not { } agentId || Timeline.AnsweredAt is not null
            || (!string.IsNullOrEmpty(failed.Endpoint) && S.RingingEndpoint is { Length: > 0 } ringing
                && !string.Equals(ringing, failed.Endpoint, StringComparison.OrdinalIgnoreCase)))
        {
            // Not the phone CtiCore is ringing now (a late report about an earlier attempt).
            await state.WriteStateAsync();
            return;
        }

        var reason = failed.ReasonOrFromCause();
        GrainLog.RingFailed(logger, CallId, agentId, reason, failed.Cause, failed.PbxCauseCode);
        _ringTimer.Cancel();
        await MoveOnFromRingAsync(agentId, reason);
    }

    private async Task MoveOnFromRingAsync(long agentId, RingFailureReason reason = RingFailureReason.NoAnswer)
    {
        S.RingingAgentId = null;
        S.RingingEndpoint = null;
        S.RingDeadline = null;
        await state.WriteStateAsync();
        await ReleaseAfterRingFailureAsync(agentId, reason);
        if (S.Direction == CallDirection.Inbound)
        {
            await RouteAsync();
        }
        else
        {
            await SendAsync(new HangupCommand { CommandId = $"{CallId}:hangup:agent-no-answer", Reason = "agent did not answer" });
        }
    }

    /// <summary>
    /// A busy phone is busy with something else: the agent stays available but is offered nothing for the
    /// department's cool-down (the agent grain keeps it, and its release carries it to the router in the same snapshot,
    /// so the release cannot win a queued call meanwhile). Declined, unreachable and rung out each pause the agent with
    /// their own reason, so a supervisor sees why.
    /// </summary>
    private async Task ReleaseAfterRingFailureAsync(long agentId, RingFailureReason reason)
    {
        if (reason == RingFailureReason.Busy)
        {
            var coolDown = S.DepartmentId is null ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Max(0, S.Settings.BusyCooldownSeconds));
            await Agent(agentId).RingBusyAsync(CallId, coolDown);
            return;
        }

        var pauseReason = reason switch
        {
            RingFailureReason.Declined => OrDefault(S.Settings.DeclinedPauseReason, RoutingSettings.Default.DeclinedPauseReason),
            RingFailureReason.Unreachable => OrDefault(S.Settings.UnreachablePauseReason, RoutingSettings.Default.UnreachablePauseReason),
            _ => S.Settings.RingNoAnswerPauseReason,
        };
        await Agent(agentId).RingFailedAsync(CallId, reason, pauseReason);

        // Settings a call persisted before these reasons existed carry them empty.
        static string OrDefault(string configured, string fallback) => string.IsNullOrWhiteSpace(configured) ? fallback : configured;
    }

    public async Task ResumeRoutingAsync()
    {
        if (!S.RoutingPending || Timeline.IsEnded)
        {
            return;
        }

        if (S.DepartmentId is null)
        {
            await OnOfferedAsync();
        }
        else
        {
            await RouteAsync();
        }
    }

    public async Task RetryJournalAsync()
    {
        if (S.JournalPending)
        {
            await WriteJournalAsync();
        }
    }

    public async Task<CallView> StartOutboundAsync(long agentId, string number)
    {
        if (S.Direction == CallDirection.Outbound && S.RingingAgentId == agentId && S.OutboundNumber is not null)
        {
            return View();
        }

        if (Timeline.Stage != CallStage.None || S.Decisions.Count > 0)
        {
            throw new InvalidOperationException($"Call '{CallId}' already exists.");
        }

        var extension = IsExtension(number);
        if (!Normalizer.TryNormalize(number, out var e164, out var error))
        {
            if (!extension)
            {
                throw new ArgumentException(error, nameof(number));
            }

            // An internal extension: the PBX dials it as typed; it is nobody's client number.
            e164 = number.Trim();
        }

        var profile = await agents.GetAgentAsync(agentId, CancellationToken.None)
            ?? throw new InvalidOperationException($"There is no user with id {agentId}.");
        var endpoint = profile.PrimaryEndpoint
            ?? throw new InvalidOperationException($"Agent {agentId} has no endpoint to ring.");
        var reservation = await Agent(agentId).TryReserveAsync(CallId);
        if (!reservation.Reserved)
        {
            throw new InvalidOperationException($"Agent {agentId} cannot place a call now ({reservation.Snapshot.Status}).");
        }

        S.Direction = CallDirection.Outbound;
        S.OutboundNumber = e164;
        S.DepartmentId = profile.DepartmentId;
        if (profile.DepartmentId is { } departmentId)
        {
            S.Settings = await Router(departmentId).GetSettingsAsync();
        }

        S.Caller = extension
            ? CallerProfile.Anonymous
            : await GrainFactory.GetGrain<ICallerGrain>(e164).RecognizeAsync(createIfUnknown: false, S.Settings.RelationshipWindowDays);
        S.RingingAgentId = agentId;
        S.RingingEndpoint = endpoint;
        S.Attempt++;
        S.Decisions.Add(new RoutingDecision
        {
            Outcome = RoutingOutcome.Agent,
            Rule = RoutingRule.ResponsibleManager,
            AgentId = agentId,
            AgentName = profile.DisplayName,
            Reason = $"outbound call by {profile.DisplayName}",
            DecidedAt = time.GetUtcNow(),
            DepartmentId = profile.DepartmentId ?? 0,
        });
        await state.WriteStateAsync();
        try
        {
            await commands.SendAsync(new OriginateCommand
            {
                CommandId = $"{CallId}:originate",
                CallId = CallId,
                IssuedAt = time.GetUtcNow(),
                AgentEndpoint = endpoint,
                AgentId = agentId,
                Number = e164,
            }, CancellationToken.None);
        }
        catch (Exception refused) when (refused is ArgumentException or InvalidOperationException)
        {
            // The PBX refused before anything rang (the agent's phone is not registered, no route to the number):
            // the agent is released and the call forgotten, so the caller gets the reason and nothing stays half-open.
            await Agent(agentId).ReleaseAsync(CallId);
            await state.ClearStateAsync();
            throw;
        }
#pragma warning disable CA1031 // The adapter may be down: as for every command, it reports what the PBX did.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            GrainLog.CommandFailed(logger, CallId, nameof(OriginateCommand), ex);
        }

        return View();
    }

    /// <summary>A short internal number (2 to 6 digits) that is not a phone number in the default region.</summary>
    private static bool IsExtension(string number)
    {
        var trimmed = number.Trim();
        return trimmed.Length is >= 2 and <= 6 && trimmed.All(char.IsAsciiDigit);
    }

    private async Task OnOfferedAsync()
    {
        S.Direction = CallDirection.Inbound;
        S.RoutingPending = true;
        var departmentId = await ResolveDepartmentAsync();
        if (departmentId is null)
        {
            GrainLog.NoDepartment(logger, CallId);
            S.RoutingPending = false;
            S.Decisions.Add(new RoutingDecision { Outcome = RoutingOutcome.Overflow, Rule = RoutingRule.Overflow, Reason = "no department takes this number → hang up", DecidedAt = time.GetUtcNow() });
            await state.WriteStateAsync();
            await SendAsync(new HangupCommand { CommandId = $"{CallId}:hangup:no-department", Reason = "no department" });
            return;
        }

        S.DepartmentId = departmentId;
        S.Settings = await Router(departmentId.Value).GetSettingsAsync();
        S.Caller = await RecognizeCallerAsync();
        await state.WriteStateAsync();
        await RouteAsync();
    }

    private async Task<long?> ResolveDepartmentAsync()
    {
        if (Normalizer.TryNormalize(Timeline.DialledNumber, out var dialled, out _)
            && await departments.FindAsync(dialled, CancellationToken.None) is { } byNumber)
        {
            return byNumber;
        }

        return options.Value.DefaultDepartmentId ?? await agents.GetDefaultDepartmentIdAsync(CancellationToken.None);
    }

    private async Task<CallerProfile> RecognizeCallerAsync()
    {
        if (!Normalizer.TryNormalize(Timeline.CallerNumber, out var e164, out _))
        {
            // Anonymous or garbled caller-ID: nobody to recognize, no card to create.
            return CallerProfile.Anonymous;
        }

        return await GrainFactory.GetGrain<ICallerGrain>(e164)
            .RecognizeAsync(S.Settings.CreateClientForUnknownCaller, S.Settings.RelationshipWindowDays);
    }

    /// <param name="skip">Agents the router offered whose reservation failed in this routing pass (their state
    /// changed under the router's feet); not rung, so not in <see cref="CallState.AlreadyTried"/>.</param>
    private async Task RouteAsync(HashSet<long>? skip = null)
    {
        if (S.DepartmentId is not { } departmentId || Timeline.IsEnded)
        {
            return;
        }

        skip ??= [];
        var result = await Router(departmentId).RouteAsync(new RouteRequest
        {
            CallId = CallId,
            Caller = S.Caller,
            AlreadyTried = S.AlreadyTried.Concat(skip).ToList(),
            QueuedSince = S.QueuedSince,
        });
        await ApplyRouteAsync(result, skip);
    }

    private async Task ApplyRouteAsync(RouteResult result, HashSet<long> skip)
    {
        var decision = result.Decision;
        S.RoutingPending = false;
        if (decision.Outcome == RoutingOutcome.Queue)
        {
            S.Decisions.Add(decision);
            GrainLog.CallRouted(logger, CallId, decision.Outcome, decision.Rule, decision.AgentId, decision.Reason);
            S.IsQueued = true;
            S.QueuedSince ??= decision.DecidedAt;
            await state.WriteStateAsync();
            return;
        }

        // The router chose without waiting on anyone; the agent grain's own check makes the reservation safe.
        var agentId = decision.AgentId!.Value;
        var reservation = await Agent(agentId).TryReserveAsync(CallId);
        if (!reservation.Reserved)
        {
            GrainLog.ReservationLost(logger, decision.DepartmentId, agentId);
            skip.Add(agentId);
            await RouteAsync(skip);
            return;
        }

        S.Decisions.Add(decision);
        GrainLog.CallRouted(logger, CallId, decision.Outcome, decision.Rule, decision.AgentId, decision.Reason);
        S.IsQueued = false;
        S.RingingAgentId = agentId;
        S.RingingEndpoint = reservation.Endpoint;
        S.AlreadyTried.Add(agentId);
        S.Attempt++;
        var deadline = time.GetUtcNow().AddSeconds(S.Settings.RingTimeoutSeconds);
        S.RingDeadline = deadline;
        await state.WriteStateAsync();

        var attempt = S.Attempt;
        var self = this.AsReference<ICallGrain>();
        _ringTimer.Schedule(time, deadline, () => self.RingTimeoutAsync(agentId, attempt), logger);
        await SendAsync(new RouteToEndpointCommand
        {
            CommandId = $"{CallId}:route:{attempt}",
            Endpoint = reservation.Endpoint ?? string.Empty,
            AgentId = agentId,
            RingTimeoutSeconds = S.Settings.RingTimeoutSeconds,
        });
    }

    private async Task OnAnsweredAsync(CallAnswered answered)
    {
        _ringTimer.Cancel();
        S.RingDeadline = null;
        var agentId = S.RingingAgentId;
        if (agentId is null || (S.RingingEndpoint is { } endpoint && !string.Equals(endpoint, answered.Endpoint, StringComparison.OrdinalIgnoreCase)))
        {
            // Answered somewhere else than where CtiCore rang (a pickup, a direct dial): find whose phone it was.
            var byEndpoint = string.IsNullOrEmpty(answered.Endpoint) ? null : await agents.FindAgentByEndpointAsync(answered.Endpoint, CancellationToken.None);
            if (byEndpoint is { } other && agentId is { } reserved && other != reserved)
            {
                await Agent(reserved).ReleaseAsync(CallId);
            }

            agentId = byEndpoint ?? agentId;
        }

        S.AnsweredAgentId = agentId;
        S.RingingAgentId = null;
        if (S.IsQueued && S.DepartmentId is { } departmentId)
        {
            S.IsQueued = false;
            await Router(departmentId).CancelAsync(CallId);
        }

        await state.WriteStateAsync();
        if (agentId is { } id)
        {
            await Agent(id).CallAnsweredAsync(CallId, answered.OccurredAt);
            if (S.Caller.NumberE164 is { } number)
            {
                await GrainFactory.GetGrain<ICallerGrain>(number).RecordAnsweredAsync(id, answered.OccurredAt);
            }
        }
    }

    private async Task OnEndedAsync()
    {
        _ringTimer.Cancel();
        S.RingDeadline = null;
        S.RoutingPending = false;
        S.JournalPending = true;
        var ringing = S.RingingAgentId;
        S.RingingAgentId = null;
        var wasQueued = S.IsQueued;
        S.IsQueued = false;
        await state.WriteStateAsync();

        if (ringing is { } reserved)
        {
            await Agent(reserved).ReleaseAsync(CallId);
        }

        if (S.AnsweredAgentId is { } answered && !S.TransferredAway)
        {
            await Agent(answered).CallEndedAsync(CallId, Timeline.EndedAt ?? time.GetUtcNow(), TimeSpan.FromSeconds(S.Settings.WrapUpSeconds));
        }

        if (wasQueued && S.DepartmentId is { } departmentId)
        {
            await Router(departmentId).CancelAsync(CallId);
        }

        await WriteJournalAsync();
    }

    private async Task OnRecordingAfterEndAsync(RecordingStopped stopped)
    {
        await state.WriteStateAsync();
        if (S.InteractionId is not null && !string.IsNullOrEmpty(stopped.File))
        {
            await journal.AttachRecordingAsync(CallId, stopped.File, CancellationToken.None);
        }
    }

    /// <summary>Writes the Interaction and the follow-up; on failure keeps <see cref="CallState.JournalPending"/> and retries.</summary>
    private async Task WriteJournalAsync()
    {
        try
        {
            var interaction = BuildInteraction();
            await RecordTransfersAsync();
            S.InteractionId ??= await journal.RecordInteractionAsync(interaction, CancellationToken.None);
            if (S.FollowUpTaskId is null && FollowUpOwner(interaction.Outcome) is { } owner)
            {
                var dueAt = (Timeline.EndedAt ?? time.GetUtcNow()).AddMinutes(S.Settings.MissedCallTaskDueMinutes);
                S.FollowUpTaskId = await journal.CreateFollowUpTaskAsync(new FollowUpTask
                {
                    Title = $"Call back {S.Caller.ClientName ?? "the client"} within {S.Settings.MissedCallTaskDueMinutes} minutes ({OutcomeWord(interaction.Outcome)} call)",
                    OwnerId = owner,
                    ClientId = S.Caller.ClientId,
                    InteractionId = S.InteractionId,
                    DueAt = dueAt,
                    State = FollowUpTaskState.Open,
                    CreatedAt = time.GetUtcNow(),
                }, CancellationToken.None);
            }

            S.JournalPending = false;
            await state.WriteStateAsync();
            _journalRetry.Cancel();
            GrainLog.CallLogged(logger, CallId, S.InteractionId.Value, interaction.Outcome);
        }
#pragma warning disable CA1031 // Any storage failure is retried: the call must be logged, and the PBX adapter must not see our database errors.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            GrainLog.JournalFailed(logger, CallId, ex);
            await state.WriteStateAsync();
            var self = this.AsReference<ICallGrain>();
            _journalRetry.Schedule(time, time.GetUtcNow().AddSeconds(options.Value.JournalRetrySeconds), self.RetryJournalAsync, logger);
        }
    }

    /// <summary>A missed or abandoned call from a known client goes to their responsible manager, when configured.</summary>
    private long? FollowUpOwner(CallOutcome outcome) =>
        S.Direction == CallDirection.Inbound
        && outcome is CallOutcome.Missed or CallOutcome.Abandoned or CallOutcome.Voicemail
        && S.Settings.MissedCallTaskDueMinutes > 0
        && S.Caller.IsKnownClient
            ? S.Caller.ResponsibleManagerId
            : null;

    private static string OutcomeWord(CallOutcome outcome) => outcome switch
    {
        CallOutcome.Abandoned => "abandoned",
        CallOutcome.Voicemail => "voicemail",
        _ => "missed",
    };

    private CallOutcome Outcome()
    {
        if (!Timeline.IsEnded)
        {
            return CallOutcome.Unknown;
        }

        if (S.AnsweredAgentId is not null || Timeline.AnsweredAt is not null)
        {
            return CallOutcome.Answered;
        }

        if (S.OverflowedTo is not null)
        {
            return S.OverflowedTo == OverflowAction.Voicemail ? CallOutcome.Voicemail : CallOutcome.Missed;
        }

        return Timeline.EndCause switch
        {
            CallEndCause.CallerHungUp when S.Direction == CallDirection.Inbound => CallOutcome.Abandoned,
            CallEndCause.Busy => CallOutcome.Busy,
            CallEndCause.Failed => CallOutcome.Failed,
            _ => CallOutcome.Missed,
        };
    }

    private Interaction BuildInteraction()
    {
        var offeredAt = Timeline.OfferedAt ?? Timeline.RingingAt ?? Timeline.AnsweredAt ?? Timeline.EndedAt ?? time.GetUtcNow();
        var endedAt = Timeline.EndedAt ?? time.GetUtcNow();
        var inbound = S.Direction == CallDirection.Inbound;
        return new Interaction
        {
            Kind = InteractionKind.Call,
            Direction = S.Direction,
            CallKey = CallId,
            FromNumber = inbound ? S.Caller.NumberE164 ?? Timeline.CallerNumber : null,
            ToNumber = inbound ? Timeline.DialledNumber : S.OutboundNumber,
            ClientId = S.Caller.ClientId,
            AgentId = S.AnsweredAgentId,
            DepartmentId = S.DepartmentId,
            PbxCallId = Timeline.Pbx.ChannelId,
            PbxLinkedId = Timeline.Pbx.LinkedId,
            OfferedAt = offeredAt,
            RingingAt = Timeline.RingingAt,
            AnsweredAt = Timeline.AnsweredAt,
            EndedAt = endedAt,
            Outcome = Outcome(),
            WaitSeconds = Math.Max(0, (int)((Timeline.AnsweredAt ?? endedAt) - offeredAt).TotalSeconds),
            TalkSeconds = Timeline.AnsweredAt is { } answeredAt ? Math.Max(0, (int)(endedAt - answeredAt).TotalSeconds) : 0,
            Notes = Timeline.TransferredTo is { } to ? $"Transferred to {to}" : null,
            RoutingReason = RoutingReason(),
            RecordingRef = Timeline.RecordingFile,
        };
    }

    private string RoutingReason()
    {
        var reason = string.Join("; ", S.Decisions.Select(d => d.Reason));
        return reason.Length <= MaxReasonLength ? reason : string.Concat(reason.AsSpan(0, MaxReasonLength - 1), "…");
    }

    private async Task SendAsync(TelephonyCommand command)
    {
        try
        {
            await commands.SendAsync(command with { CallId = CallId, IssuedAt = time.GetUtcNow(), Pbx = Timeline.Pbx }, CancellationToken.None);
        }
#pragma warning disable CA1031 // The adapter may be down; the call's timers move it on, and the adapter reports what the PBX did.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            GrainLog.CommandFailed(logger, CallId, command.GetType().Name, ex);
        }
    }

    private IAgentGrain Agent(long agentId) => GrainFactory.GetGrain<IAgentGrain>(agentId);

    private IDepartmentRouterGrain Router(long departmentId) => GrainFactory.GetGrain<IDepartmentRouterGrain>(departmentId);

    private CallView View() => new()
    {
        CallId = CallId,
        Stage = Timeline.Stage,
        DepartmentId = S.DepartmentId,
        Caller = S.Caller,
        Decisions = S.Decisions.ToList(),
        RingingAgentId = S.RingingAgentId,
        AnsweredAgentId = S.AnsweredAgentId,
        AlreadyTried = S.AlreadyTried.ToList(),
        IsQueued = S.IsQueued,
        Outcome = Outcome(),
        InteractionId = S.InteractionId,
        FollowUpTaskId = S.FollowUpTaskId,
        RoutingReason = RoutingReason(),
        IgnoredEvents = Timeline.IgnoredEvents,
        Direction = S.Direction,
        TransferredFromAgentIds = S.Transfers.Where(t => t.FromAgentId is not null).Select(t => t.FromAgentId!.Value).ToList(),
    };
}
