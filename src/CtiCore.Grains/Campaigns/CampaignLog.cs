using CtiCore.Domain.Campaigns;
using Microsoft.Extensions.Logging;

namespace CtiCore.Grains.Campaigns;

/// <summary>Log messages of the campaign grain, EventIds 3400–3499. No phone numbers: entries and calls by id.</summary>
internal static partial class CampaignLog
{
    [LoggerMessage(3400, LogLevel.Information, "Campaign call {CallId} ended {Outcome}, logged as interaction {InteractionId}")]
    public static partial void CallFinished(ILogger logger, string callId, DialOutcome outcome, long interactionId);

    [LoggerMessage(3401, LogLevel.Warning, "Campaign call {CallId} abandoned: no agent free within 2 s of the answer")]
    public static partial void Abandoned(ILogger logger, string callId);

    [LoggerMessage(3402, LogLevel.Debug, "Campaign {CampaignId} entry {EntryId} not dialled: {Reason}")]
    public static partial void Refused(ILogger logger, long campaignId, long entryId, DialRefusalReason reason);

    [LoggerMessage(3403, LogLevel.Information, "Campaign call {CallId}: answering-machine detection says {Result}")]
    public static partial void MachineDetection(ILogger logger, string callId, Domain.Telephony.AnsweringMachineResult result);

    [LoggerMessage(3406, LogLevel.Warning, "Campaign call {CallId}: no answering-machine verdict came from the PBX in time; treated as a person")]
    public static partial void MachineDetectionTimedOut(ILogger logger, string callId);

    [LoggerMessage(3404, LogLevel.Warning, "Campaign {CampaignId} entry {EntryId} was being dialled when the silo stopped: counted as an interrupted attempt")]
    public static partial void InterruptedAttempt(ILogger logger, long campaignId, long entryId);

    [LoggerMessage(3405, LogLevel.Debug, "Campaign call {CallId}: {Event} with cause {Cause} ({Detail})")]
    public static partial void NotAnswered(ILogger logger, string callId, string @event, Domain.Telephony.CallEndCause cause, string? detail);
}
