namespace CtiCore.Domain.Campaigns.Pacing;

/// <summary>Tuning of <see cref="PredictivePacer"/>; the defaults are the ones the dialer simulation was run with.</summary>
public sealed class PredictivePacerOptions
{
    /// <summary>The pacer aims at this share of the cap, leaving the rest as a safety margin.</summary>
    public double SafetyMargin { get; set; } = 0.75;

    /// <summary>Share of the cap at which the long-window guard has throttled down to progressive dialling.</summary>
    public double GuardLimit { get; set; } = 0.95;

    /// <summary>How fast the calibration factor follows the control-window rate; about one e-fold per this time.</summary>
    public TimeSpan FeedbackTimeConstant { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Live answers the control window needs before its rate is trusted for feedback.</summary>
    public int MinimumAnswersForFeedback { get; set; } = 20;

    /// <summary>Live answers the long windows need before they can force the pacer down to progressive.</summary>
    public int MinimumAnswersForGuard { get; set; } = 30;

    /// <summary>Never more calls in flight than this many per logged-in agent (trunk and carrier etiquette).</summary>
    public double MaximumLinesPerAgent { get; set; } = 8;

    /// <summary>Answer probability assumed before any traffic was seen.</summary>
    public double PriorAnswerProbability { get; set; } = 0.2;

    /// <summary>How quickly estimates forget: each observation weighs 1/decay times the previous one.</summary>
    public double EstimateDecay { get; set; } = 0.995;

    public TimeSpan PriorTimeToAnswer { get; set; } = TimeSpan.FromSeconds(8);
    public TimeSpan PriorNoAnswerRing { get; set; } = TimeSpan.FromSeconds(20);
    public TimeSpan PriorTalkTime { get; set; } = TimeSpan.FromSeconds(180);
    public TimeSpan PriorWrapUp { get; set; } = TimeSpan.FromSeconds(20);
}
