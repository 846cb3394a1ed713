using CtiCore.DialerSim;
using CtiCore.DialerSim.Pacers;
using CtiCore.Domain.Campaigns;

namespace CtiCore.Domain.Tests.Campaigns;

/// <summary>Runs the dialer simulation briefly: compliance is a behaviour, checked by an audit independent of the gate.</summary>
public sealed class DialerSimulationTests
{
    private static readonly Scenario Short = new(Agents: 20, AnswerRate: 0.2, MeanTalkSeconds: 150, WrapMinSeconds: 10, WrapMaxSeconds: 30, Hours: 1.5);

    [Fact]
    public void Our_pacer_breaks_no_rule_and_stays_under_the_abandon_cap()
    {
        var result = new DialerSimulation(Short, new OurPredictivePacer(DialCompliance.DefaultAbandonCap), seed: 42).Run();

        Assert.Empty(result.Violations);
        Assert.True(result.LiveAnswers > 300, $"too little traffic to judge: {result.LiveAnswers} live answers");
        Assert.InRange(result.AbandonRate, 0, DialCompliance.DefaultAbandonCap);
        Assert.True(result.Refusals > 0, "the generated list has do-not-call and quarantined numbers the gate must refuse");
    }

    [Fact]
    public void Our_pacer_keeps_agents_busier_than_progressive_dialling()
    {
        var ours = new DialerSimulation(Short, new OurPredictivePacer(DialCompliance.DefaultAbandonCap), seed: 7).Run();
        var progressive = new DialerSimulation(Short, new ProgressivePacer(), seed: 7).Run();

        Assert.Empty(progressive.Violations);
        Assert.Equal(0, progressive.Abandoned);
        Assert.True(ours.Occupancy > progressive.Occupancy, $"ours {ours.Occupancy:P1} vs progressive {progressive.Occupancy:P1}");
    }
}
