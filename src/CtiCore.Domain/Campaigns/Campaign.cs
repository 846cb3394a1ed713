namespace CtiCore.Domain.Campaigns;

/// <summary>
/// A telemarketing campaign: who calls (department, agents, caller ID), what they say (scripts),
/// when callees may be called (windows in the callee's local time), how often (attempts, retry rules)
/// and how fast (pacing under the abandon cap).
/// </summary>
public sealed class Campaign
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public long? DepartmentId { get; set; }

    /// <summary>Users (agents) assigned to the campaign.</summary>
    public List<long> AgentIds { get; set; } = [];

    public CampaignState State { get; set; }

    /// <summary>The number presented to callees, E.164.</summary>
    public string? CallerId { get; set; }

    /// <summary>When callees may be called, in THEIR local time. No window means never.</summary>
    public List<CallingWindow> CallingWindows { get; set; } = [];

    /// <summary>Attempts per dial-list entry, answered or not.</summary>
    public int MaxAttempts { get; set; } = 3;

    public List<RetryRule> RetryRules { get; set; } = [];

    /// <summary>Used when no <see cref="RetryRules"/> entry matches an outcome.</summary>
    public TimeSpan DefaultRetryDelay { get; set; } = TimeSpan.FromHours(2);

    public List<CampaignDisposition> Dispositions { get; set; } = [];
    public List<ConversationScript> Scripts { get; set; } = [];
    public PacingMode Pacing { get; set; } = PacingMode.Progressive;

    /// <summary>
    /// The PBX listens to each answer's greeting first: a machine is never offered to an agent nor counted abandoned,
    /// and is retried after the <see cref="DialOutcome.AnsweringMachine"/> delay. Costs the callee up to a few
    /// seconds of analysis before the 2 s connect window starts.
    /// </summary>
    public bool DetectAnsweringMachine { get; set; }

    /// <summary>Highest share of live answers that may be abandoned, 0.03 = 3 % (FCC 47 CFR 64.1200(a)(7), Ofcom).</summary>
    public double AbandonCap { get; set; } = DialCompliance.DefaultAbandonCap;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The most specific script for the client: segment and stage, then either, then the default.</summary>
    public ConversationScript? ScriptFor(string? segment, string? dealStage)
    {
        static bool Matches(string? wanted, string? actual) =>
            wanted is null || string.Equals(wanted, actual, StringComparison.OrdinalIgnoreCase);

        return Scripts
            .Where(s => Matches(s.Segment, segment) && Matches(s.DealStage, dealStage))
            .OrderByDescending(s => (s.Segment is null ? 0 : 1) + (s.DealStage is null ? 0 : 2))
            .FirstOrDefault();
    }

    public CampaignDisposition? FindDisposition(string? code) =>
        code is null ? null : Dispositions.FirstOrDefault(d => string.Equals(d.Code, code, StringComparison.OrdinalIgnoreCase));
}
