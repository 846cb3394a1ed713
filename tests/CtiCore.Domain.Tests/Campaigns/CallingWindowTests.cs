using System.Globalization;
using CtiCore.Domain.Campaigns;
using Microsoft.Extensions.Time.Testing;

namespace CtiCore.Domain.Tests.Campaigns;

public sealed class CallingWindowTests
{
    private static Campaign NineToNine() => new()
    {
        Id = 1,
        Name = "Windows",
        CallingWindows = CallingWindow.EveryDay(new TimeOnly(9, 0), new TimeOnly(21, 0)),
    };

    [Theory]
    // New York leaves EST (UTC−5) for EDT (UTC−4) on 8 March 2026: 13:30 UTC is 08:30 before and 09:30 after.
    [InlineData("2026-03-07T13:30:00Z", "America/New_York", false)]
    [InlineData("2026-03-09T13:30:00Z", "America/New_York", true)]
    // ...and returns to EST on 1 November 2026: the same UTC instant moves back out of the window.
    [InlineData("2026-10-30T13:30:00Z", "America/New_York", true)]
    [InlineData("2026-11-02T13:30:00Z", "America/New_York", false)]
    // London enters BST on 29 March 2026: 08:30 UTC is 08:30 GMT on Saturday, 09:30 BST on Monday.
    [InlineData("2026-03-28T08:30:00Z", "Europe/London", false)]
    [InlineData("2026-03-30T08:30:00Z", "Europe/London", true)]
    // Moscow (UTC+3, no DST): both edges, start inclusive, end exclusive.
    [InlineData("2026-11-23T05:59:00Z", "Europe/Moscow", false)]
    [InlineData("2026-11-23T06:00:00Z", "Europe/Moscow", true)]
    [InlineData("2026-11-23T17:59:00Z", "Europe/Moscow", true)]
    [InlineData("2026-11-23T18:00:00Z", "Europe/Moscow", false)]
    // One instant, two callees: 10:00 in Vladivostok, 03:00 in Moscow.
    [InlineData("2026-11-23T00:00:00Z", "Asia/Vladivostok", true)]
    [InlineData("2026-11-23T00:00:00Z", "Europe/Moscow", false)]
    public void The_window_is_read_in_the_callees_zone_including_DST_changes(string utc, string zone, bool allowed)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture));
        var eligibility = new DialEligibility(time, new DoNotCallSet());
        var entry = new DialListEntry { CampaignId = 1, E164 = "+74956601812", OriginalText = "x", TimeZone = zone };

        var decision = eligibility.Check(NineToNine(), entry);

        Assert.Equal(allowed, decision.Allowed);
        if (!allowed)
        {
            Assert.Equal(DialRefusalReason.OutsideCallingWindow, decision.Reason);
        }
    }

    [Theory]
    // Friday 18:00–02:00 runs into Saturday morning.
    [InlineData("2026-11-27 17:59", false)]
    [InlineData("2026-11-27 18:00", true)]
    [InlineData("2026-11-27 23:59", true)]
    [InlineData("2026-11-28 00:00", true)]
    [InlineData("2026-11-28 01:59", true)]
    [InlineData("2026-11-28 02:00", false)]
    // Thursday night is not Friday night.
    [InlineData("2026-11-27 01:00", false)]
    public void A_window_ending_before_it_starts_crosses_midnight(string local, bool inside)
    {
        var window = new CallingWindow(DayOfWeek.Friday, new TimeOnly(18, 0), new TimeOnly(2, 0));
        Assert.Equal(inside, window.Contains(DateTime.Parse(local, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void No_window_means_never()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var campaign = new Campaign { Id = 1, Name = "Empty" };
        var entry = new DialListEntry { CampaignId = 1, E164 = "+74956601812", OriginalText = "x" };

        Assert.Equal(DialRefusalReason.OutsideCallingWindow, new DialEligibility(time, new DoNotCallSet()).Check(campaign, entry).Reason);
    }
}
