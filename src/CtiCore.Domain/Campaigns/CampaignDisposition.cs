namespace CtiCore.Domain.Campaigns;

/// <summary>A result the agent can choose after a conversation ("sale", "call back", "not interested"…).</summary>
public sealed class CampaignDisposition
{
    public required string Code { get; set; }
    public required string Label { get; set; }

    /// <summary>The entry is done: no further attempts (sale, refusal, wrong number).</summary>
    public bool IsFinal { get; set; }

    /// <summary>The callee asked not to be called again: the number joins the campaign's do-not-call list.</summary>
    public bool AddsToDoNotCall { get; set; }

    /// <summary>The callee asked to be called back at a time they named (see <see cref="RetryScheduler"/>).</summary>
    public bool IsCallback { get; set; }
}
