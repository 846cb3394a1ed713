using CtiCore.Domain.Campaigns;

namespace CtiCore.Domain.Tests.Campaigns;

public sealed class RetrySchedulerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static Campaign Campaign() => new()
    {
        Id = 1,
        Name = "Retry",
        MaxAttempts = 3,
        DefaultRetryDelay = TimeSpan.FromHours(2),
        RetryRules =
        [
            new RetryRule(DialOutcome.Busy, TimeSpan.FromMinutes(10)),
            new RetryRule(DialOutcome.NoAnswer, TimeSpan.FromMinutes(45)),
            new RetryRule(DialOutcome.AnsweringMachine, TimeSpan.FromHours(4)),
            new RetryRule(DialOutcome.Answered, TimeSpan.FromDays(1), "no-decision-maker"),
            new RetryRule(DialOutcome.Abandoned, TimeSpan.FromMinutes(5)),
        ],
        Dispositions =
        [
            new CampaignDisposition { Code = "sale", Label = "Sale", IsFinal = true },
            new CampaignDisposition { Code = "callback", Label = "Call back", IsCallback = true },
            new CampaignDisposition { Code = "no-decision-maker", Label = "No decision maker" },
            new CampaignDisposition { Code = "dnc", Label = "Do not call", AddsToDoNotCall = true },
        ],
    };

    [Theory]
    [InlineData(0, DialOutcome.Busy, null, DialListEntryState.Pending, 10.0)]
    [InlineData(0, DialOutcome.NoAnswer, null, DialListEntryState.Pending, 45.0)]
    [InlineData(0, DialOutcome.AnsweringMachine, null, DialListEntryState.Pending, 240.0)]
    [InlineData(0, DialOutcome.Failed, null, DialListEntryState.Pending, 120.0)] // no rule: the campaign default
    [InlineData(0, DialOutcome.Answered, "no-decision-maker", DialListEntryState.Pending, 1440.0)]
    [InlineData(0, DialOutcome.Answered, "sale", DialListEntryState.Completed, null)]
    [InlineData(0, DialOutcome.Answered, "dnc", DialListEntryState.DoNotCall, null)]
    [InlineData(2, DialOutcome.Busy, null, DialListEntryState.Exhausted, null)]
    [InlineData(1, DialOutcome.Busy, null, DialListEntryState.Pending, 10.0)]
    // A 5-minute rule cannot shorten the 72-hour quarantine after an abandon.
    [InlineData(0, DialOutcome.Abandoned, null, DialListEntryState.Pending, 72 * 60.0)]
    public void Outcomes_set_the_next_attempt_from_the_rules(int attemptsBefore, DialOutcome outcome, string? disposition,
        DialListEntryState state, double? minutesUntilNext)
    {
        var entry = new DialListEntry { CampaignId = 1, E164 = "+74956601812", OriginalText = "x", Attempts = attemptsBefore };

        RetryScheduler.Apply(Campaign(), entry, outcome, Now, disposition);

        Assert.Equal(attemptsBefore + 1, entry.Attempts);
        Assert.Equal(state, entry.State);
        Assert.Equal(minutesUntilNext is null ? null : Now.AddMinutes(minutesUntilNext.Value), entry.NextAttemptAt);
        Assert.Equal(outcome, entry.LastOutcome);
        Assert.Equal(outcome == DialOutcome.Abandoned ? Now : null, entry.LastAbandonedAt);
    }

    [Fact]
    public void A_requested_callback_is_honoured_exactly_even_before_the_usual_delay()
    {
        var entry = new DialListEntry { CampaignId = 1, E164 = "+74956601812", OriginalText = "x" };

        RetryScheduler.Apply(Campaign(), entry, DialOutcome.Answered, Now, "callback", Now.AddMinutes(30));

        Assert.Equal(Now.AddMinutes(30), entry.NextAttemptAt);
        Assert.Equal(DialListEntryState.Pending, entry.State);
    }
}
