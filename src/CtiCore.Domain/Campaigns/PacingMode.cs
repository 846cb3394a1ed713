namespace CtiCore.Domain.Campaigns;

/// <summary>How the dialer decides when to place the next call of a campaign.</summary>
public enum PacingMode
{
    /// <summary>The agent sees the entry first and starts the call; no call ever waits for an agent.</summary>
    Preview = 0,

    /// <summary>One call per free agent, placed automatically; an answered call always has an agent reserved.</summary>
    Progressive = 1,

    /// <summary>More calls than free agents, paced by <see cref="Pacing.PredictivePacer"/> under the abandon cap.</summary>
    Predictive = 2,
}
