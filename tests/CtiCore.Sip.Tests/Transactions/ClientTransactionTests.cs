using CtiCore.Sip.Messages;
using CtiCore.Sip.Transactions;

namespace CtiCore.Sip.Tests.Transactions;

/// <summary>RFC 3261 §17.1: INVITE (Figure 5) and non-INVITE (Figure 6) client transactions, every timer on fake time.</summary>
public sealed class ClientTransactionTests
{
    [Fact]
    public void Invite_timer_A_doubles_and_timer_B_times_out_in_calling()
    {
        var f = new TransactionFixture();
        using var tx = new InviteClientTransaction(TransactionFixture.Request("INVITE"), reliable: false, f.Send, f.Timers, f.Time);
        var timedOut = false;
        tx.TimedOut += (_, _) => timedOut = true;
        tx.Start();
        Assert.Equal(SipTransactionState.Calling, tx.State);
        Assert.Equal(1, f.Count("INVITE"));

        // Timer A: T1, 2T1, 4T1 … → sends at 0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s.
        f.Advance(f.T1 - TimeSpan.FromTicks(1));
        Assert.Equal(1, f.Count("INVITE"));
        f.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(2, f.Count("INVITE"));
        f.Advance(f.T1 * 2);
        Assert.Equal(3, f.Count("INVITE"));
        f.Advance(f.T1 * 4);
        Assert.Equal(4, f.Count("INVITE"));

        // Timer B = 64*T1 = 32 s.
        f.Advance(TimeSpan.FromSeconds(32) - (f.T1 * 7) - TimeSpan.FromTicks(1));
        Assert.Equal(7, f.Count("INVITE"));
        Assert.False(timedOut);
        f.Advance(TimeSpan.FromTicks(1));
        Assert.True(timedOut);
        Assert.Equal(SipTransactionState.Terminated, tx.State);
        f.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(7, f.Count("INVITE"));
    }

    [Fact]
    public void An_invite_abandoned_before_any_response_stops_retransmitting_and_never_times_out()
    {
        var f = new TransactionFixture();
        using var tx = new InviteClientTransaction(TransactionFixture.Request("INVITE"), reliable: false, f.Send, f.Timers, f.Time);
        var timedOut = false;
        var terminated = false;
        tx.TimedOut += (_, _) => timedOut = true;
        tx.Terminated += (_, _) => terminated = true;
        tx.Start();
        f.Advance(f.T1);
        Assert.Equal(2, f.Count("INVITE"));

        Assert.True(tx.Abandon());

        Assert.True(terminated);
        Assert.Equal(SipTransactionState.Terminated, tx.State);
        f.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(2, f.Count("INVITE"));
        Assert.False(timedOut);
    }

    [Fact]
    public void An_invite_that_had_a_provisional_response_cannot_be_abandoned()
    {
        var f = new TransactionFixture();
        var invite = TransactionFixture.Request("INVITE");
        using var tx = new InviteClientTransaction(invite, reliable: false, f.Send, f.Timers, f.Time);
        tx.Start();
        tx.ReceiveResponse(TransactionFixture.Response(invite, 180));

        Assert.False(tx.Abandon()); // §9.1: now it is CANCELled instead
        Assert.Equal(SipTransactionState.Proceeding, tx.State);
    }

    [Fact]
    public void Invite_on_a_reliable_transport_never_retransmits_but_still_times_out()
    {
        var f = new TransactionFixture();
        using var tx = new InviteClientTransaction(TransactionFixture.Request("INVITE"), reliable: true, f.Send, f.Timers, f.Time);
        var timedOut = false;
        tx.TimedOut += (_, _) => timedOut = true;
        tx.Start();
        f.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, f.Count("INVITE"));
        Assert.False(timedOut);
        f.Advance(TimeSpan.FromSeconds(1));
        Assert.True(timedOut);
    }

    [Fact]
    public void Invite_provisional_stops_retransmission_and_timer_B()
    {
        var f = new TransactionFixture();
        var invite = TransactionFixture.Request("INVITE");
        using var tx = new InviteClientTransaction(invite, reliable: false, f.Send, f.Timers, f.Time);
        var seen = new List<int>();
        tx.ResponseReceived += (_, r) => seen.Add(r.StatusCode);
        tx.Start();
        tx.ReceiveResponse(TransactionFixture.Response(invite, 180));
        Assert.Equal(SipTransactionState.Proceeding, tx.State);
        f.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, f.Count("INVITE"));
        Assert.Equal(SipTransactionState.Proceeding, tx.State);
        Assert.Equal([180], seen);
    }

    [Fact]
    public void Invite_2xx_goes_to_the_tu_and_terminates()
    {
        var f = new TransactionFixture();
        var invite = TransactionFixture.Request("INVITE");
        using var tx = new InviteClientTransaction(invite, reliable: false, f.Send, f.Timers, f.Time);
        SipMessage? got = null;
        tx.ResponseReceived += (_, r) => got = r;
        tx.Start();
        tx.ReceiveResponse(TransactionFixture.Response(invite, 200));
        Assert.Equal(200, got!.StatusCode);
        Assert.Equal(SipTransactionState.Terminated, tx.State);
        Assert.Equal(0, f.Count("ACK")); // the TU acknowledges a 2xx (§13.2.2.4).
    }

    [Fact]
    public void Invite_failure_is_acknowledged_by_the_transaction_and_timer_D_absorbs_retransmissions()
    {
        var f = new TransactionFixture();
        var invite = TransactionFixture.Request("INVITE");
        using var tx = new InviteClientTransaction(invite, reliable: false, f.Send, f.Timers, f.Time);
        var seen = 0;
        tx.ResponseReceived += (_, _) => seen++;
        tx.Start();
        var busy = TransactionFixture.Response(invite, 486);
        tx.ReceiveResponse(busy);
        Assert.Equal(SipTransactionState.Completed, tx.State);
        var ack = Assert.Single(f.Sent, m => m.IsRequest && m.Method == "ACK");
        Assert.Equal(new SipCSeq(1, "ACK"), ack.CSeq);
        Assert.Equal("b2", ack.To.Tag);
        Assert.Equal(invite.TopVia.Branch, ack.TopVia.Branch);
        Assert.Equal(invite.RequestUriText, ack.RequestUriText);

        tx.ReceiveResponse(busy);
        Assert.Equal(2, f.Count("ACK"));
        Assert.Equal(1, seen);

        f.Advance(TimeSpan.FromSeconds(32) - TimeSpan.FromTicks(1));
        Assert.Equal(SipTransactionState.Completed, tx.State);
        f.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(SipTransactionState.Terminated, tx.State);
        Assert.Equal(1, f.Count("INVITE"));
    }

    [Fact]
    public void Invite_failure_on_a_reliable_transport_terminates_at_once()
    {
        var f = new TransactionFixture();
        var invite = TransactionFixture.Request("INVITE");
        using var tx = new InviteClientTransaction(invite, reliable: true, f.Send, f.Timers, f.Time);
        tx.Start();
        tx.ReceiveResponse(TransactionFixture.Response(invite, 503));
        Assert.Equal(SipTransactionState.Terminated, tx.State);
        Assert.Equal(1, f.Count("ACK"));
    }

    [Fact]
    public void Non_invite_timer_E_doubles_up_to_T2_and_timer_F_times_out()
    {
        var f = new TransactionFixture();
        using var tx = new NonInviteClientTransaction(TransactionFixture.Request("OPTIONS"), reliable: false, f.Send, f.Timers, f.Time);
        var timedOut = false;
        tx.TimedOut += (_, _) => timedOut = true;
        tx.Start();
        Assert.Equal(SipTransactionState.Trying, tx.State);
        // Sends at 0, 0.5, 1.5, 3.5, 7.5, then every T2 = 4 s: 11.5, 15.5, 19.5, 23.5, 27.5, 31.5.
        var expected = new[] { (0.49, 1), (0.5, 2), (1.5, 3), (3.5, 4), (7.5, 5), (11.5, 6), (15.5, 7), (31.5, 11) };
        var now = 0.0;
        foreach (var (at, count) in expected)
        {
            f.Advance(TimeSpan.FromSeconds(at - now));
            now = at;
            Assert.Equal(count, f.Count("OPTIONS"));
        }
        Assert.False(timedOut);
        f.Advance(TimeSpan.FromSeconds(32 - now));
        Assert.True(timedOut);
        Assert.Equal(SipTransactionState.Terminated, tx.State);
    }

    [Fact]
    public void Non_invite_in_proceeding_retransmits_every_T2()
    {
        var f = new TransactionFixture();
        var request = TransactionFixture.Request("REGISTER");
        using var tx = new NonInviteClientTransaction(request, reliable: false, f.Send, f.Timers, f.Time);
        tx.Start();
        tx.ReceiveResponse(TransactionFixture.Response(request, 100));
        Assert.Equal(SipTransactionState.Proceeding, tx.State);
        f.Advance(f.T1); // the pending Timer E fires, next interval is T2
        Assert.Equal(2, f.Count("REGISTER"));
        f.Advance(f.Timers.T2 - TimeSpan.FromTicks(1));
        Assert.Equal(2, f.Count("REGISTER"));
        f.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(3, f.Count("REGISTER"));
    }

    [Fact]
    public void Non_invite_final_response_completes_and_timer_K_terminates()
    {
        var f = new TransactionFixture();
        var request = TransactionFixture.Request("BYE");
        using var tx = new NonInviteClientTransaction(request, reliable: false, f.Send, f.Timers, f.Time);
        var seen = 0;
        tx.ResponseReceived += (_, _) => seen++;
        tx.Start();
        var ok = TransactionFixture.Response(request, 200);
        tx.ReceiveResponse(ok);
        tx.ReceiveResponse(ok);
        Assert.Equal(1, seen);
        Assert.Equal(SipTransactionState.Completed, tx.State);
        f.Advance(f.Timers.T4 - TimeSpan.FromTicks(1));
        Assert.Equal(SipTransactionState.Completed, tx.State);
        f.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(SipTransactionState.Terminated, tx.State);
        Assert.Equal(1, f.Count("BYE")); // Timer E stopped with the final response.
    }

    [Fact]
    public void A_transport_failure_terminates_and_tells_the_tu()
    {
        var f = new TransactionFixture();
        using var tx = new NonInviteClientTransaction(TransactionFixture.Request("OPTIONS"), reliable: false, _ => throw new IOException("down"), f.Timers, f.Time);
        var failed = false;
        tx.TransportFailed += (_, _) => failed = true;
        tx.Start();
        Assert.True(failed);
        Assert.Equal(SipTransactionState.Terminated, tx.State);
    }
}
