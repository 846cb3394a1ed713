using CtiCore.Domain.Campaigns;
using CtiCore.Domain.Phones;
using Microsoft.Extensions.Time.Testing;

namespace CtiCore.Domain.Tests.Campaigns;

public sealed class DialEligibilityTests
{
    /// <summary>Monday 23 November 2026, 09:00 UTC = 12:00 in Moscow.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private const string MoscowNumber = "+74956601812";

    public static TheoryData<string, DialRefusalReason> Cases => new()
    {
        { "fresh entry", DialRefusalReason.None },
        { "global do-not-call", DialRefusalReason.DoNotCall },
        { "this campaign's do-not-call", DialRefusalReason.DoNotCall },
        { "another campaign's do-not-call", DialRefusalReason.None },
        { "expired do-not-call", DialRefusalReason.None },
        { "2 of 3 attempts used", DialRefusalReason.None },
        { "3 of 3 attempts used", DialRefusalReason.AttemptsExhausted },
        { "abandoned 71 h ago", DialRefusalReason.AbandonedRecently },
        { "abandoned 73 h ago", DialRefusalReason.None },
        { "abandoned 10 h ago in another campaign", DialRefusalReason.AbandonedRecently },
        { "retry due in a minute", DialRefusalReason.RetryNotDue },
        { "retry due a minute ago", DialRefusalReason.None },
        { "callback requested for tomorrow", DialRefusalReason.RetryNotDue },
        { "completed", DialRefusalReason.EntryClosed },
        { "marked do-not-call", DialRefusalReason.EntryClosed },
        { "already dialing", DialRefusalReason.AlreadyDialing },
        { "client lives in Vladivostok (21:00 there)", DialRefusalReason.OutsideCallingWindow },
        { "client zone unknown to the machine, number says Moscow", DialRefusalReason.None },
        { "list says Vladivostok", DialRefusalReason.OutsideCallingWindow },
        { "number has no known zone", DialRefusalReason.UnknownTimeZone },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_rule_refuses_with_its_reason(string situation, DialRefusalReason expected)
    {
        var time = new FakeTimeProvider(Now);
        var doNotCall = new DoNotCallSet();
        var campaign = new Campaign { Id = 7, Name = "Rules", MaxAttempts = 3, CallingWindows = CallingWindow.EveryDay(new TimeOnly(9, 0), new TimeOnly(21, 0)) };
        var entry = new DialListEntry { CampaignId = 7, E164 = MoscowNumber, OriginalText = "8 495 660-18-12" };
        string? clientZone = null;
        DateTimeOffset? abandonedElsewhere = null;

        switch (situation)
        {
            case "global do-not-call": doNotCall.AddGlobal(MoscowNumber); break;
            case "this campaign's do-not-call": doNotCall.AddForCampaign(MoscowNumber, 7); break;
            case "another campaign's do-not-call": doNotCall.AddForCampaign(MoscowNumber, 8); break;
            case "expired do-not-call": doNotCall.Add(new DoNotCallEntry { E164 = MoscowNumber, ExpiresAt = Now.AddDays(-1) }); break;
            case "2 of 3 attempts used": entry.Attempts = 2; break;
            case "3 of 3 attempts used": entry.Attempts = 3; break;
            case "abandoned 71 h ago": entry.LastAbandonedAt = Now.AddHours(-71); break;
            case "abandoned 73 h ago": entry.LastAbandonedAt = Now.AddHours(-73); break;
            case "abandoned 10 h ago in another campaign": abandonedElsewhere = Now.AddHours(-10); break;
            case "retry due in a minute": entry.NextAttemptAt = Now.AddMinutes(1); break;
            case "retry due a minute ago": entry.NextAttemptAt = Now.AddMinutes(-1); break;
            case "callback requested for tomorrow": entry.NextAttemptAt = Now.AddDays(1); break;
            case "completed": entry.State = DialListEntryState.Completed; break;
            case "marked do-not-call": entry.State = DialListEntryState.DoNotCall; break;
            case "already dialing": entry.State = DialListEntryState.Dialing; break;
            case "client lives in Vladivostok (21:00 there)":
                time.SetUtcNow(Now.AddHours(2)); // 11:00 UTC: 14:00 Moscow, 21:00 Vladivostok
                clientZone = "Asia/Vladivostok";
                break;
            case "client zone unknown to the machine, number says Moscow": clientZone = "Mars/Olympus_Mons"; break;
            case "list says Vladivostok":
                time.SetUtcNow(Now.AddHours(2));
                entry.TimeZone = "Asia/Vladivostok";
                break;
            case "number has no known zone":
                entry.E164 = "+80012345678"; // international freephone: no geography
                Assert.Empty(PhoneNormalizer.TimeZonesOf(entry.E164));
                break;
            case "fresh entry": break;
            default: throw new InvalidOperationException(situation);
        }

        var decision = new DialEligibility(time, doNotCall).Check(campaign, entry, clientZone, abandonedElsewhere);

        Assert.Equal(expected, decision.Reason);
        Assert.False(string.IsNullOrWhiteSpace(decision.Explanation));
    }

    [Fact]
    public void A_quarantine_refusal_says_when_the_number_may_be_tried_again()
    {
        var time = new FakeTimeProvider(Now);
        var entry = new DialListEntry { CampaignId = 1, E164 = MoscowNumber, OriginalText = "x", LastAbandonedAt = Now.AddHours(-1) };
        var campaign = new Campaign { Id = 1, Name = "Q", CallingWindows = CallingWindow.EveryDay(new TimeOnly(0, 0), new TimeOnly(0, 0)) };

        var decision = new DialEligibility(time, new DoNotCallSet()).Check(campaign, entry);

        Assert.Equal(Now.AddHours(71), decision.NotBefore);
    }

    [Fact]
    public void The_ring_timeout_is_never_below_fifteen_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(15), DialCompliance.RingTimeout(TimeSpan.FromSeconds(5)));
        Assert.Equal(TimeSpan.FromSeconds(30), DialCompliance.RingTimeout(TimeSpan.FromSeconds(30)));
    }
}
