namespace CtiCore.Domain.Campaigns;

/// <summary>
/// How long to wait before the next attempt after an outcome, optionally narrowed to one disposition
/// (for example Answered + "no decision maker" → 1 day). A rule with a disposition wins over one without.
/// </summary>
public sealed class RetryRule
{
    public RetryRule()
    {
    }

    public RetryRule(DialOutcome outcome, TimeSpan delay, string? disposition = null)
    {
        Outcome = outcome;
        Delay = delay;
        Disposition = disposition;
    }

    public DialOutcome Outcome { get; set; }
    public string? Disposition { get; set; }
    public TimeSpan Delay { get; set; }
}
