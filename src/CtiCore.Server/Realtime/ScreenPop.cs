namespace CtiCore.Server.Realtime;

/// <summary>
/// The screen-pop of one call for one agent. Pushed while the phone rings (<see cref="Stage"/> "ringing"),
/// again on answer ("talking") and on hang-up ("ended").
/// </summary>
public sealed record ScreenPop
{
    public long Sequence { get; init; }
    public required string CallId { get; init; }
    public required string Stage { get; init; }
    public string? CallerNumber { get; init; }
    public bool IsNewClient { get; init; }
    public PopClient? Client { get; init; }
    public PopContact? Contact { get; init; }
    public string RoutingReason { get; init; } = string.Empty;
    public IReadOnlyList<PopInteraction> LastInteractions { get; init; } = [];
    public IReadOnlyList<PopTask> OpenTasks { get; init; } = [];
    public IReadOnlyList<PopDeal> OpenDeals { get; init; } = [];
    public long? InteractionId { get; init; }
    public DateTimeOffset OfferedAt { get; init; }

    /// <summary>The caller is on hold (from the PBX's held/resumed events).</summary>
    public bool OnHold { get; init; }

    /// <summary>A campaign call's campaign, script and dispositions (see <see cref="CampaignPops"/>); null otherwise.</summary>
    public PopCampaign? Campaign { get; init; }
}
