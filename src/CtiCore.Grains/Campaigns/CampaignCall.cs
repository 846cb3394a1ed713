namespace CtiCore.Grains.Campaigns;

/// <summary>Where one campaign call stands.</summary>
internal enum CampaignCallPhase
{
    /// <summary>Originated, not answered.</summary>
    Ringing,

    /// <summary>Answered; the PBX's answering-machine detection is listening to the greeting.</summary>
    Screening,

    /// <summary>A person answered; looking for a free agent for at most 2 s.</summary>
    AwaitingAgent,

    /// <summary>Handed to an agent.</summary>
    Connected,

    /// <summary>No agent in time: the PBX plays the abandon message; the call counts as abandoned.</summary>
    Abandoned,
}

/// <summary>One call of the campaign in progress (in memory: a call outlives no silo).</summary>
internal sealed class CampaignCall(string callId, long entryId, string number, long? clientId, DateTimeOffset placedAt)
{
    public string CallId { get; } = callId;
    public long EntryId { get; } = entryId;
    public string Number { get; } = number;
    public long? ClientId { get; } = clientId;
    public DateTimeOffset PlacedAt { get; } = placedAt;
    public CampaignCallPhase Phase { get; set; } = CampaignCallPhase.Ringing;
    public DateTimeOffset? AnsweredAt { get; set; }
    public long? AgentId { get; set; }
    public string? AgentEndpoint { get; set; }
    public bool AgentAnswered { get; set; }
    public DateTimeOffset? AgentAnsweredAt { get; set; }
    public ITimer? ConnectDeadline { get; set; }
    public string? PbxChannelId { get; set; }

    /// <summary>The campaign asked for answering-machine detection when this call was placed.</summary>
    public bool DetectsMachine { get; init; }
}
