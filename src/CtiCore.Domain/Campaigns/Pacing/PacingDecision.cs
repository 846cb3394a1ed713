namespace CtiCore.Domain.Campaigns.Pacing;

/// <summary>How many calls to place now, and the figures behind it for the supervisor's screen.</summary>
public readonly record struct PacingDecision(
    int CallsToPlace,
    double ExpectedAnswers,
    double ExpectedFreeAgents,
    double PredictedAbandonRatio,
    double TargetAbandonRatio,
    string Reason);
