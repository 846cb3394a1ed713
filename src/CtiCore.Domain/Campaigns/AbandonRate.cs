namespace CtiCore.Domain.Campaigns;

/// <summary>Abandoned calls over live answers in one window; the denominator regulators use (FCC, Ofcom).</summary>
public readonly record struct AbandonRate(TimeSpan Window, long LiveAnswers, long Abandoned)
{
    /// <summary>Abandoned / live answers; 0 when nobody answered yet.</summary>
    public double Rate => LiveAnswers == 0 ? 0 : (double)Abandoned / LiveAnswers;

    public override string ToString() => $"{Rate:P2} ({Abandoned}/{LiveAnswers} over {Window})";
}
