using CtiCore.Domain.Campaigns;
using CtiCore.Domain.Campaigns.Pacing;

namespace CtiCore.Domain.Tests.Campaigns;

public sealed class PredictivePacerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static PredictivePacer Trained(double answerRate)
    {
        var pacer = new PredictivePacer();
        var random = new Random(1);
        for (var i = 0; i < 2000; i++)
        {
            var live = random.NextDouble() < answerRate;
            pacer.ObserveAttempt(live, TimeSpan.FromSeconds(live ? 5 + random.Next(6) : 22));
        }

        for (var i = 0; i < 200; i++)
        {
            pacer.ObserveTalk(TimeSpan.FromSeconds(120 + random.Next(120)));
            pacer.ObserveWrapUp(TimeSpan.FromSeconds(10 + random.Next(20)));
        }

        return pacer;
    }

    private static AbandonRates Rates(long live, long abandoned) => new(
        new AbandonRate(TimeSpan.FromDays(30), live, abandoned),
        new AbandonRate(TimeSpan.FromDays(1), live, abandoned),
        new AbandonRate(TimeSpan.FromMinutes(15), live, abandoned));

    [Fact]
    public void With_idle_agents_and_a_low_answer_rate_it_dials_more_lines_than_agents()
    {
        var pacer = Trained(0.15);
        var decision = pacer.Decide(new PacingSnapshot { Now = Now, ReadyAgents = 10, Abandon = Rates(1000, 10) }, 0.03);

        Assert.InRange(pacer.AnswerProbability, 0.12, 0.18);
        Assert.True(decision.CallsToPlace > 10, decision.ToString());
        Assert.True(decision.PredictedAbandonRatio <= decision.TargetAbandonRatio, decision.ToString());
    }

    [Fact]
    public void At_the_cap_it_falls_back_to_calls_a_ready_agent_is_certain_to_take()
    {
        var pacer = Trained(0.15);
        var snapshot = new PacingSnapshot
        {
            Now = Now,
            ReadyAgents = 10,
            RingingFor = [TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4)],
            Abandon = Rates(1000, 31),
        };

        var decision = pacer.Decide(snapshot, 0.03);

        Assert.Equal(8, decision.CallsToPlace);
    }

    [Fact]
    public void Nearer_the_cap_it_dials_fewer_calls()
    {
        var calm = Trained(0.2).Decide(new PacingSnapshot { Now = Now, ReadyAgents = 10, Abandon = Rates(1000, 5) }, 0.03);
        var tense = Trained(0.2).Decide(new PacingSnapshot { Now = Now, ReadyAgents = 10, Abandon = Rates(1000, 28) }, 0.03);

        Assert.True(tense.CallsToPlace < calm.CallsToPlace, $"{tense} vs {calm}");
    }

    [Fact]
    public void With_everyone_early_in_a_long_call_it_places_nothing()
    {
        var pacer = Trained(0.3);
        var snapshot = new PacingSnapshot
        {
            Now = Now,
            ReadyAgents = 0,
            TalkingFor = [.. Enumerable.Repeat(TimeSpan.FromSeconds(5), 20)],
            Abandon = Rates(1000, 10),
        };

        Assert.Equal(0, pacer.Decide(snapshot, 0.03).CallsToPlace);
    }
}
