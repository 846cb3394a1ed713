namespace CtiCore.Domain.Campaigns;

/// <summary>The three windows the supervisor and the pacer watch.</summary>
public readonly record struct AbandonRates(AbandonRate Campaign30Days, AbandonRate Last24Hours, AbandonRate Control)
{
    /// <summary>The worst of the three: the one a cap must be held against.</summary>
    public double Worst => Math.Max(Campaign30Days.Rate, Math.Max(Last24Hours.Rate, Control.Rate));
}
