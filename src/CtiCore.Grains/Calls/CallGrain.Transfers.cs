using CtiCore.Abstractions.Callers;
using CtiCore.Domain.Crm;
using CtiCore.Domain.Telephony;

namespace CtiCore.Grains.Calls;

/// <summary>
/// Transfers of an answered call. The target's leg begins with <see cref="CallTransferStarted"/> (or, on a PBX that
/// reports a blind transfer only afterwards, with <see cref="CallTransferred"/>): a target that is a CtiCore agent
/// becomes the call's ringing agent — reserved when available, so their desk pops the call before they answer. The
/// transferring agent's part ends at <see cref="CallTransferred"/> (wrap-up), the hand-over joins the call's chain
/// (<see cref="CallState.Transfers"/>, journaled at once so the agent can wrap up while the call goes on). The
/// target's answer (the timeline's one extra answer per transfer) makes them the call's agent; a refusal releases them.
/// </summary>
internal sealed partial class CallGrain
{
    private static readonly string[] EndpointPrefixes = ["SIP/", "PJSIP/"];

    private async Task OnTransferStartedAsync(CallTransferStarted started)
    {
        await BeginTransferLegAsync(started.Destination);
        await state.WriteStateAsync();
    }

    private async Task OnTransferredAsync(CallTransferred transferred)
    {
        await BeginTransferLegAsync(transferred.Destination);
        if (S.AnsweredAgentId is { } agentId && !S.TransferredAway)
        {
            // The agent handed the call on: their part is over, the call itself goes on elsewhere.
            S.TransferredAway = true;
            S.Transfers.Add(new CallTransferStep
            {
                FromAgentId = agentId,
                ToAgentId = S.TransferTargetAgentId,
                Destination = transferred.Destination,
                TransferredAt = transferred.OccurredAt,
            });
            await state.WriteStateAsync();
            GrainLog.TransferredToAgent(logger, CallId, agentId, S.TransferTargetAgentId);
            await Agent(agentId).CallEndedAsync(CallId, transferred.OccurredAt, TimeSpan.FromSeconds(S.Settings.WrapUpSeconds));
            await TryRecordTransferAsync(S.Transfers.Count);
            return;
        }

        await state.WriteStateAsync();
    }

    /// <summary>The target of the open leg answered: they are the call's agent from now on.</summary>
    private async Task OnTransferAnsweredAsync(CallAnswered answered)
    {
        var target = S.TransferTargetAgentId;
        if (!string.IsNullOrEmpty(answered.Endpoint)
            && (target is null || !string.Equals(S.RingingEndpoint ?? S.TransferDestination, answered.Endpoint, StringComparison.OrdinalIgnoreCase)))
        {
            // Answered at another phone than the one rung (a pickup): whoever owns that phone has the call.
            target = await ResolveAgentAsync(answered.Endpoint) ?? target;
        }

        var reserved = S.RingingAgentId;
        S.RingingAgentId = null;
        S.RingingEndpoint = null;
        S.TransferDestination = null;
        S.TransferTargetAgentId = null;
        if (reserved is { } stale && stale != target)
        {
            await Agent(stale).ReleaseAsync(CallId);
        }

        if (target is not { } agentId)
        {
            // An outside number (or a phone no agent owns) took the call: the last agent's part stays the call's.
            await state.WriteStateAsync();
            return;
        }

        if (S.AnsweredAgentId is not null && !S.TransferredAway)
        {
            // The PBX reported the answer without the hand-over: the hand-over happened all the same.
            await OnTransferredAsync(new CallTransferred { CallId = CallId, Destination = answered.Endpoint, OccurredAt = answered.OccurredAt });
        }

        if (S.Transfers.Count > 0 && S.Transfers[^1].ToAgentId != agentId)
        {
            S.Transfers[^1].ToAgentId = agentId;
        }

        S.AnsweredAgentId = agentId;
        S.TransferredAway = false;
        await state.WriteStateAsync();
        await Agent(agentId).CallAnsweredAsync(CallId, answered.OccurredAt);
        if (S.Caller.NumberE164 is { } number)
        {
            await GrainFactory.GetGrain<ICallerGrain>(number).RecordAnsweredAsync(agentId, answered.OccurredAt);
        }
    }

    /// <summary>The target refused or rang out: the call stays with whoever holds it (or ends, as the PBX decides).</summary>
    private async Task OnTransferRingFailedAsync(CallRingFailed failed)
    {
        GrainLog.TransferRefused(logger, CallId, S.TransferTargetAgentId, failed.Cause);
        var reserved = S.RingingAgentId;
        S.RingingAgentId = null;
        S.RingingEndpoint = null;
        S.TransferDestination = null;
        S.TransferTargetAgentId = null;
        await state.WriteStateAsync();
        if (reserved is { } agentId)
        {
            await Agent(agentId).ReleaseAsync(CallId);
        }
    }

    /// <summary>Resolves the destination to an agent and reserves them; once per leg (started and transferred both call it).</summary>
    private async Task BeginTransferLegAsync(string destination)
    {
        if (S.TransferDestination is not null || !Timeline.TransferLegOpen || string.IsNullOrWhiteSpace(destination))
        {
            return;
        }

        S.TransferDestination = destination;
        var target = await ResolveAgentAsync(destination);
        S.TransferTargetAgentId = target;
        if (target is not { } agentId || agentId == S.AnsweredAgentId && !S.TransferredAway)
        {
            return;
        }

        // A busy or paused agent's phone still rings (the PBX does not ask us); only an available one is reserved,
        // which is what puts the call on their desk before they answer.
        var reservation = await Agent(agentId).TryReserveAsync(CallId);
        GrainLog.TransferRingsAgent(logger, CallId, agentId, reservation.Reserved);
        if (reservation.Reserved)
        {
            S.RingingAgentId = agentId;
            S.RingingEndpoint = destination;
        }
    }

    /// <summary>"SIP/3102" names an agent's endpoint; its bare user part may be their extension.</summary>
    private async Task<long?> ResolveAgentAsync(string destination)
    {
        if (await agents.FindAgentByEndpointAsync(destination, CancellationToken.None) is { } byEndpoint)
        {
            return byEndpoint;
        }

        foreach (var prefix in EndpointPrefixes)
        {
            if (destination.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && destination.Length > prefix.Length)
            {
                return await agents.FindAgentByEndpointAsync(destination[prefix.Length..], CancellationToken.None);
            }
        }

        return null;
    }

    /// <summary>Journals hand-over <paramref name="position"/> now; a failure is only logged, the end of the call writes the chain again.</summary>
    private async Task TryRecordTransferAsync(int position)
    {
        try
        {
            await journal.RecordTransferAsync(TransferRecord(position), CancellationToken.None);
        }
#pragma warning disable CA1031 // The end-of-call journal write repeats it; the call must go on meanwhile.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            GrainLog.TransferJournalFailed(logger, CallId, ex);
        }
    }

    /// <summary>Part of the end-of-call journal write: every hand-over, idempotently (a failure retries the whole write).</summary>
    private async Task RecordTransfersAsync()
    {
        for (var position = 1; position <= S.Transfers.Count; position++)
        {
            await journal.RecordTransferAsync(TransferRecord(position), CancellationToken.None);
        }
    }

    private CallTransfer TransferRecord(int position)
    {
        var step = S.Transfers[position - 1];
        return new CallTransfer
        {
            CallKey = CallId,
            Position = position,
            FromAgentId = step.FromAgentId,
            ToAgentId = step.ToAgentId,
            Destination = step.Destination,
            TransferredAt = step.TransferredAt,
        };
    }
}
