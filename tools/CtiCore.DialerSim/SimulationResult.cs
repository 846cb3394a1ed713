namespace CtiCore.DialerSim;

public sealed record SimulationResult(
    string Pacer,
    Scenario Scenario,
    int Seed,
    long CallsPlaced,
    long LiveAnswers,
    long Abandoned,
    double TalkSeconds,
    double WrapSeconds,
    long Refusals,
    IReadOnlyList<string> Violations)
{
    private double AgentSeconds => Scenario.Agents * Scenario.Hours * 3600;

    public double TalkMinutesPerAgentHour => TalkSeconds / 60 / (Scenario.Agents * Scenario.Hours);
    public double Occupancy => (TalkSeconds + WrapSeconds) / AgentSeconds;
    public double AbandonRate => LiveAnswers == 0 ? 0 : (double)Abandoned / LiveAnswers;
}
