using CtiCore.Sip.Messages;
using CtiCore.Sip.Transactions;
using Microsoft.Extensions.Time.Testing;

namespace CtiCore.Sip.Tests.Transactions;

internal sealed class TransactionFixture
{
    public FakeTimeProvider Time { get; } = new();

    public SipTimerOptions Timers { get; } = new();

    public List<SipMessage> Sent { get; } = [];

    public TimeSpan T1 => Timers.T1;

    public void Send(SipMessage message) => Sent.Add(message);

    public static SipMessage Request(string method, string branch = "z9hG4bKtx1", long cseq = 1) =>
        SipMessageBuilder.Request(method, "sip:bob@example.com")
            .Add(SipHeaderId.Via, $"SIP/2.0/UDP 192.0.2.1:5060;branch={branch}")
            .Add(SipHeaderId.MaxForwards, "70")
            .Add(SipHeaderId.From, "<sip:alice@example.com>;tag=a1")
            .Add(SipHeaderId.To, "<sip:bob@example.com>")
            .Add(SipHeaderId.CallId, "call-1")
            .Add(SipHeaderId.CSeq, $"{cseq} {method}")
            .Add(SipHeaderId.Contact, "<sip:alice@192.0.2.1>")
            .Build();

    public static SipMessage Response(SipMessage request, int status) =>
        SipMessageBuilder.ResponseTo(request, status, toTag: "b2").Build();

    public static SipMessage Ack(SipMessage invite) =>
        SipMessageBuilder.Request(SipMethod.Ack, "sip:bob@example.com")
            .Add(SipHeaderId.Via, invite.GetHeader(SipHeaderId.Via)!)
            .Add(SipHeaderId.From, invite.GetHeader(SipHeaderId.From)!)
            .Add(SipHeaderId.To, "<sip:bob@example.com>;tag=b2")
            .Add(SipHeaderId.CallId, invite.CallId)
            .Add(SipHeaderId.CSeq, $"{invite.CSeq.Number} ACK")
            .Build();

    /// <summary>
    /// Advances in 50 ms steps: FakeTimeProvider fires what is due at the end of one Advance, so a timer re-armed
    /// from its own callback (A, E, G) would otherwise be scheduled from the far end of a long jump.
    /// </summary>
    public void Advance(TimeSpan by)
    {
        var step = TimeSpan.FromMilliseconds(50);
        while (by > step)
        {
            Time.Advance(step);
            by -= step;
        }
        Time.Advance(by);
    }

    public int Count(string method) => Sent.Count(m => m.IsRequest && m.Method == method);

    public int Count(int status) => Sent.Count(m => m.IsResponse && m.StatusCode == status);
}
