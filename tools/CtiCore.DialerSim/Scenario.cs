namespace CtiCore.DialerSim;

/// <summary>One traffic profile. Times in seconds; the answer rate is live (person) answers per attempt.</summary>
public sealed record Scenario(int Agents, double AnswerRate, double MeanTalkSeconds, double WrapMinSeconds, double WrapMaxSeconds, double Hours)
{
    public override string ToString() =>
        $"{Agents} agents, answer {AnswerRate:P0}, talk {MeanTalkSeconds:F0} s, wrap {WrapMinSeconds:F0}–{WrapMaxSeconds:F0} s";
}
