using System.Globalization;
using CtiCore.Domain.Campaigns;

namespace CtiCore.Server.Api.Campaigns;

public sealed record CampaignResponse(
    long Id,
    string Name,
    long? DepartmentId,
    IReadOnlyList<long> AgentIds,
    CampaignState State,
    string? CallerId,
    IReadOnlyList<CallingWindowInput> CallingWindows,
    int MaxAttempts,
    IReadOnlyList<RetryRuleInput> RetryRules,
    int DefaultRetryDelayMinutes,
    IReadOnlyList<CampaignDisposition> Dispositions,
    IReadOnlyList<ConversationScript> Scripts,
    PacingMode Pacing,
    double AbandonCap,
    DateTimeOffset CreatedAt,
    bool DetectAnsweringMachine)
{
    public static CampaignResponse From(Campaign c) => new(
        c.Id, c.Name, c.DepartmentId, c.AgentIds, c.State, c.CallerId,
        [.. c.CallingWindows.Select(w => new CallingWindowInput(w.Day, w.Start.ToString("HH:mm", CultureInfo.InvariantCulture), w.End.ToString("HH:mm", CultureInfo.InvariantCulture)))],
        c.MaxAttempts,
        [.. c.RetryRules.Select(r => new RetryRuleInput(r.Outcome, r.Disposition, (int)r.Delay.TotalMinutes))],
        (int)c.DefaultRetryDelay.TotalMinutes, c.Dispositions, c.Scripts, c.Pacing, c.AbandonCap, c.CreatedAt, c.DetectAnsweringMachine);
}

/// <summary>The grain's live figures plus the dial list by state, from the database.</summary>
public sealed record CampaignStatsResponse(Abstractions.Campaigns.CampaignView Live, IReadOnlyDictionary<string, int> EntriesByState);

public sealed record DoNotCallResponse(long Id, string Number, long? CampaignId, string? Reason, DateTimeOffset AddedAt, DateTimeOffset? ExpiresAt)
{
    public static DoNotCallResponse From(DoNotCallEntry e) => new(e.Id, e.E164, e.CampaignId, e.Reason, e.AddedAt, e.ExpiresAt);
}
