using CtiCore.Domain.Telephony;
using CtiCore.Sip.B2bua;
using CtiCore.Telephony.Sip;

namespace CtiCore.Telephony.Tests.Sip;

public sealed class SipOriginateOutcomeTests
{
    [Theory]
    [InlineData(486, CallEndCause.Busy)]
    [InlineData(600, CallEndCause.Busy)]
    [InlineData(603, CallEndCause.Busy)]
    [InlineData(408, CallEndCause.NoAnswer)]
    [InlineData(480, CallEndCause.NoAnswer)]
    [InlineData(487, CallEndCause.NoAnswer)]
    [InlineData(404, CallEndCause.Failed)]
    [InlineData(503, CallEndCause.Failed)]
    public void A_failed_destination_leg_ends_the_call_with_the_cause_of_its_status(int status, CallEndCause expected) =>
        Assert.Equal(expected, SipOriginateOutcome.CauseOf(SipOriginateEndReason.DestinationFailed, status));

    [Theory]
    [InlineData(SipOriginateEndReason.AgentBye, CallEndCause.AgentHungUp)]
    [InlineData(SipOriginateEndReason.DestinationBye, CallEndCause.CallerHungUp)]
    [InlineData(SipOriginateEndReason.HungUpByCommand, CallEndCause.HungUpByCommand)]
    [InlineData(SipOriginateEndReason.MediaTimeout, CallEndCause.Failed)]
    [InlineData(SipOriginateEndReason.Failed, CallEndCause.Failed)]
    public void Hang_ups_keep_who_hung_up_whatever_the_last_status(SipOriginateEndReason reason, CallEndCause expected) =>
        Assert.Equal(expected, SipOriginateOutcome.CauseOf(reason, 486));

    [Theory]
    [InlineData(SipOriginateEndReason.AgentUnanswered, false, true)]
    [InlineData(SipOriginateEndReason.Failed, false, true)] // the agent's answer carried no usable codec
    [InlineData(SipOriginateEndReason.Failed, true, false)] // the destination's answer did not
    [InlineData(SipOriginateEndReason.HungUpByCommand, false, false)]
    [InlineData(SipOriginateEndReason.DestinationFailed, true, false)]
    public void Only_a_call_the_agents_phone_never_took_is_a_failed_originate(SipOriginateEndReason reason, bool agentAnswered, bool expected) =>
        Assert.Equal(expected, SipOriginateOutcome.IsFailedOriginate(reason, agentAnswered));

    [Theory]
    [InlineData(486, "busy")]
    [InlineData(603, "declined")]
    [InlineData(408, "did not answer")]
    [InlineData(503, "cannot be reached")]
    [InlineData(404, "refused the call (404)")]
    public void The_failure_reason_says_what_the_agents_phone_did(int status, string expected) =>
        Assert.Contains(expected, SipOriginateOutcome.DescribeAgentFailure(status), StringComparison.Ordinal);
}
