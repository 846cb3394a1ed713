using CtiCore.Domain.Campaigns;

namespace CtiCore.Server.Api.Campaigns;

/// <summary>Create or replace a campaign's settings. Times are the callee's local wall clock, "HH:mm".</summary>
public sealed record CampaignRequest(
    string? Name,
    long? DepartmentId,
    List<long>? AgentIds,
    string? CallerId,
    List<CallingWindowInput>? CallingWindows,
    int? MaxAttempts,
    List<RetryRuleInput>? RetryRules,
    int? DefaultRetryDelayMinutes,
    List<CampaignDisposition>? Dispositions,
    List<ConversationScript>? Scripts,
    PacingMode? Pacing,
    double? AbandonCap,
    bool? DetectAnsweringMachine = null);

public sealed record CallingWindowInput(DayOfWeek Day, string Start, string End);

public sealed record RetryRuleInput(DialOutcome Outcome, string? Disposition, int DelayMinutes);

public sealed record PacingRequest(PacingMode Pacing);

public sealed record SegmentListRequest(string Segment);

public sealed record DoNotCallRequest(string Number, string? Reason);
