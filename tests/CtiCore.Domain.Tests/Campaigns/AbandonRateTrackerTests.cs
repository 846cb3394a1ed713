using CtiCore.Domain.Campaigns;
using Microsoft.Extensions.Time.Testing;

namespace CtiCore.Domain.Tests.Campaigns;

public sealed class AbandonRateTrackerTests
{
    [Fact]
    public void Each_window_forgets_at_its_own_horizon()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var tracker = new AbandonRateTracker(time, TimeSpan.FromMinutes(15));
        for (var i = 0; i < 100; i++)
        {
            tracker.RecordLiveAnswer(abandoned: i % 25 == 0);
        }

        tracker.Record(DialOutcome.Busy); // not a live answer: not counted

        var rates = tracker.Current;
        Assert.Equal(0.04, rates.Control.Rate, 6);
        Assert.Equal(0.04, rates.Last24Hours.Rate, 6);
        Assert.Equal(100, rates.Campaign30Days.LiveAnswers);

        time.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(0, tracker.Current.Control.LiveAnswers);
        Assert.Equal(100, tracker.Current.Last24Hours.LiveAnswers);

        time.Advance(TimeSpan.FromHours(25));
        Assert.Equal(0, tracker.Current.Last24Hours.LiveAnswers);
        Assert.Equal(4, tracker.Current.Campaign30Days.Abandoned);

        time.Advance(TimeSpan.FromDays(30));
        Assert.Equal(0, tracker.Current.Campaign30Days.LiveAnswers);
        Assert.Equal(0, tracker.Current.Worst);
    }

    [Fact]
    public void The_worst_window_is_the_one_held_against_the_cap()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var tracker = new AbandonRateTracker(time, TimeSpan.FromMinutes(15));
        for (var i = 0; i < 100; i++)
        {
            tracker.RecordLiveAnswer(abandoned: false);
        }

        time.Advance(TimeSpan.FromMinutes(20));
        tracker.RecordLiveAnswer(abandoned: true);

        Assert.Equal(1.0, tracker.Current.Control.Rate);
        Assert.Equal(1.0, tracker.Current.Worst);
        Assert.Equal(1.0 / 101, tracker.Current.Last24Hours.Rate, 6);
    }
}
