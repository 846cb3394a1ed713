namespace CtiCore.Domain.Campaigns;

/// <summary>
/// The text the agent reads, shown with the pop. A script with no segment and no deal stage is the default;
/// <see cref="Campaign.ScriptFor"/> picks the most specific one that matches the client.
/// </summary>
public sealed class ConversationScript
{
    /// <summary>Client segment this script is for (<see cref="Crm.Client.Segment"/>); null matches any.</summary>
    public string? Segment { get; set; }

    /// <summary>Deal stage this script is for (<see cref="Crm.Deal.Stage"/>); null matches any.</summary>
    public string? DealStage { get; set; }

    public required string Text { get; set; }
}
