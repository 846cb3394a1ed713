namespace CtiCore.Abstractions.Campaigns;

/// <summary>A campaign's live figures for the supervisor's screen. Counters cover the grain's lifetime in storage.</summary>
[GenerateSerializer, Immutable, Alias("CtiCore.Campaigns.CampaignView")]
public sealed record CampaignView
{
    [Id(0)] public long CampaignId { get; init; }

    /// <summary>Draft, Running, Paused or Stopped.</summary>
    [Id(1)] public string State { get; init; } = string.Empty;

    /// <summary>Preview, Progressive or Predictive.</summary>
    [Id(2)] public string Pacing { get; init; } = string.Empty;

    [Id(3)] public int Attempts { get; init; }

    /// <summary>Live answers connected to an agent.</summary>
    [Id(4)] public int Contacts { get; init; }

    [Id(5)] public int Abandoned { get; init; }
    [Id(6)] public int Busy { get; init; }
    [Id(7)] public int NoAnswer { get; init; }
    [Id(8)] public int Failed { get; init; }

    /// <summary>Disposition code → calls the agents closed with it.</summary>
    [Id(9)] public IReadOnlyDictionary<string, int> Dispositions { get; init; } = new Dictionary<string, int>();

    [Id(10)] public double AbandonRate30Days { get; init; }
    [Id(11)] public double AbandonRate24Hours { get; init; }
    [Id(12)] public double AbandonRateControl { get; init; }
    [Id(13)] public double AbandonCap { get; init; }

    /// <summary>Calls ringing or answered and not yet with an agent.</summary>
    [Id(14)] public int InFlight { get; init; }

    [Id(15)] public int AgentsLoggedIn { get; init; }

    /// <summary>Agents talking or wrapping up, over agents logged in (0 when nobody is).</summary>
    [Id(16)] public double AgentOccupancy { get; init; }

    /// <summary>The last pacing decision in words.</summary>
    [Id(17)] public string LastDecision { get; init; } = string.Empty;

    /// <summary>The dial-time refusals since activation by reason (do-not-call, window, 72 h…).</summary>
    [Id(18)] public IReadOnlyDictionary<string, int> Refusals { get; init; } = new Dictionary<string, int>();

    [Id(19)] public double EstimatedAnswerProbability { get; init; }

    /// <summary>Answers found to be answering machines (never offered to an agent, never abandoned).</summary>
    [Id(20)] public int AnsweringMachines { get; init; }
}
