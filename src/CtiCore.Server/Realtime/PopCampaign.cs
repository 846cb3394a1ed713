namespace CtiCore.Server.Realtime;

/// <summary>
/// What a campaign call's pop adds: the campaign, the script variant for this client's segment and deal stage,
/// and the dispositions the agent chooses from at wrap-up.
/// </summary>
public sealed record PopCampaign(long Id, string Name, string? Script, string? Segment, string? DealStage, IReadOnlyList<PopDisposition> Dispositions);
