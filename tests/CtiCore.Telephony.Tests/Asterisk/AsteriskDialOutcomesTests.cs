using CtiCore.Domain.Telephony;
using CtiCore.Telephony.Asterisk;

namespace CtiCore.Telephony.Tests.Asterisk;

public sealed class AsteriskDialOutcomesTests
{
    [Theory]
    [InlineData("BUSY", CallEndCause.Busy)]
    [InlineData("NOANSWER", CallEndCause.NoAnswer)]
    [InlineData("CHANUNAVAIL", CallEndCause.Failed)]
    [InlineData("CONGESTION", CallEndCause.Failed)]
    [InlineData("CANCEL", CallEndCause.CallerHungUp)]
    public void Dial_status_says_how_the_callee_leg_ended(string dialStatus, CallEndCause expected) =>
        Assert.Equal(expected, AsteriskDialOutcomes.FromDialStatus(dialStatus));

    [Theory]
    [InlineData("ANSWER")]
    [InlineData("")]
    [InlineData(null)]
    public void A_dial_status_that_says_nothing_about_an_unanswered_end_is_no_verdict(string? dialStatus) =>
        Assert.Null(AsteriskDialOutcomes.FromDialStatus(dialStatus));

    [Theory]
    [InlineData("1", CallEndCause.NoAnswer)] // the dialplan hung up after NOANSWER (Hangup(19))
    [InlineData("3", CallEndCause.NoAnswer)] // still ringing when the originate's own timeout fired
    [InlineData("5", CallEndCause.Busy)]
    [InlineData("8", CallEndCause.Failed)] // congestion
    [InlineData("0", CallEndCause.Unknown)] // no verdict: no channel at all, or Hangup(19) after NOANSWER
    [InlineData(null, CallEndCause.Unknown)]
    public void Originate_reason_is_the_control_frame_that_ended_the_ringing(string? reason, CallEndCause expected) =>
        Assert.Equal(expected, AsteriskDialOutcomes.FromOriginateReason(reason));

    [Theory]
    [InlineData(17, CallEndCause.Busy)]
    [InlineData(18, CallEndCause.NoAnswer)] // no user responding
    [InlineData(19, CallEndCause.NoAnswer)] // no answer from user (user alerted)
    [InlineData(34, CallEndCause.Failed)]
    [InlineData(16, CallEndCause.CallerHungUp)]
    [InlineData(null, CallEndCause.CallerHungUp)]
    public void Hangup_cause_is_read_as_q850(int? cause, CallEndCause expected) =>
        Assert.Equal(expected, AsteriskDialOutcomes.FromHangupCause(cause));

    [Theory]
    [InlineData("MACHINE", AnsweringMachineResult.Machine)]
    [InlineData("HUMAN", AnsweringMachineResult.Human)]
    [InlineData("HANGUP", AnsweringMachineResult.HungUp)]
    [InlineData("NOTSURE", AnsweringMachineResult.NotSure)]
    [InlineData("", AnsweringMachineResult.NotSure)]
    [InlineData("machine; DROP", AnsweringMachineResult.NotSure)]
    public void Amd_status_is_a_machine_only_when_amd_says_so(string amdStatus, AnsweringMachineResult expected) =>
        Assert.Equal(expected, AsteriskDialOutcomes.FromAmdStatus(amdStatus));
}
