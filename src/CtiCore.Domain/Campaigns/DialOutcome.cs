namespace CtiCore.Domain.Campaigns;

/// <summary>What the network and the callee did with one dial attempt.</summary>
public enum DialOutcome
{
    /// <summary>A person answered and was connected to an agent.</summary>
    Answered = 0,

    /// <summary>A person answered and no agent was free within <see cref="DialCompliance.MaximumAgentConnectDelay"/>.</summary>
    Abandoned = 1,

    Busy = 2,

    /// <summary>Rang for the whole ring time (at least <see cref="DialCompliance.MinimumRingDuration"/>) unanswered.</summary>
    NoAnswer = 3,

    AnsweringMachine = 4,

    /// <summary>The network refused the call (congestion, unallocated number, trunk down).</summary>
    Failed = 5,
}
