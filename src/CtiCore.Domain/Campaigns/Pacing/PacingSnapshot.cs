namespace CtiCore.Domain.Campaigns.Pacing;

/// <summary>
/// What the campaign sees at one instant: its agents by state with how long they have been in it, and the
/// calls it has in flight. Elapsed times, not start instants, so the pacer needs no clock of its own.
/// </summary>
public sealed record PacingSnapshot
{
    public required DateTimeOffset Now { get; init; }

    /// <summary>Logged in, not paused, waiting for a call.</summary>
    public required int ReadyAgents { get; init; }

    /// <summary>How long each talking agent has been talking.</summary>
    public IReadOnlyList<TimeSpan> TalkingFor { get; init; } = [];

    /// <summary>How long each agent in after-call work has been in it.</summary>
    public IReadOnlyList<TimeSpan> WrappingUpFor { get; init; } = [];

    /// <summary>How long each placed, not yet answered call has been ringing.</summary>
    public IReadOnlyList<TimeSpan> RingingFor { get; init; } = [];

    /// <summary>Answered by a person, waiting for an agent (at most <see cref="DialCompliance.MaximumAgentConnectDelay"/>).</summary>
    public int CallsWaitingForAgent { get; init; }

    public AbandonRates Abandon { get; init; }

    public int LoggedInAgents => ReadyAgents + TalkingFor.Count + WrappingUpFor.Count;
}
