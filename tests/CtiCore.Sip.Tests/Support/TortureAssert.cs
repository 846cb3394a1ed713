using CtiCore.Sip.Messages;
using CtiCore.Sip.Transport;

namespace CtiCore.Sip.Tests.Support;

/// <summary>The checks every RFC torture archive shares: a datagram parse accepts the message or rejects it for the recorded reason.</summary>
internal static class TortureAssert
{
    public static void DatagramParseGives(byte[] message, SipRejectionReason? expected)
    {
        var ok = SipParser.TryParse(message, SipTransportFraming.Datagram, out var parsed, out var rejection);
        if (expected is null)
        {
            Assert.True(ok, rejection?.Message);
            Assert.NotNull(parsed);
        }
        else
        {
            Assert.False(ok);
            Assert.Equal(expected, rejection!.Reason);
        }
    }
}
