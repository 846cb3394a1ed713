using CtiCore.Domain.Telephony;
using CtiCore.Telephony.Sip;

namespace CtiCore.Telephony.Tests.Sip;

/// <summary>What an agent's phone answered, read the way a contact center reads it (RFC 3261 §21 status codes).</summary>
public sealed class SipRingFailureTests
{
    [Theory]
    [InlineData(486, RingFailureReason.Busy)]
    [InlineData(600, RingFailureReason.Busy)]
    [InlineData(603, RingFailureReason.Declined)]
    [InlineData(480, RingFailureReason.Unreachable)]
    [InlineData(404, RingFailureReason.Unreachable)]
    [InlineData(408, RingFailureReason.Unreachable)] // Timer B: the phone never answered anything
    [InlineData(500, RingFailureReason.Unreachable)]
    [InlineData(503, RingFailureReason.Unreachable)]
    [InlineData(487, RingFailureReason.NoAnswer)]
    public void A_status_from_the_phone_means_what_it_says(int status, RingFailureReason expected) =>
        Assert.Equal(expected, SipCallEvents.RingFailureOf(status, rangOut: false));

    [Fact]
    public void A_leg_the_b2bua_gave_up_after_the_whole_ring_time_rang_out() =>
        Assert.Equal(RingFailureReason.NoAnswer, SipCallEvents.RingFailureOf(408, rangOut: true));
}
