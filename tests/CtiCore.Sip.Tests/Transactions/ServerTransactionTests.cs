using CtiCore.Sip.Messages;
using CtiCore.Sip.Transactions;

namespace CtiCore.Sip.Tests.Transactions;

/// <summary>RFC 3261 §17.2: INVITE (Figure 7) and non-INVITE (Figure 8) server transactions, every timer on fake time.</summary>
public sealed class ServerTransactionTests
{
    [Fact]
    public void Invite_server_sends_100_and_answers_retransmissions_with_the_latest_provisional()
    {
        var f = new TransactionFixture();
        var invite = TransactionFixture.Request("INVITE");
        using var tx = new InviteServerTransaction(invite, reliable: false, f.Send, f.Timers, f.Time);
        Assert.Equal(SipTransactionState.Proceeding, tx.State);
        Assert.Equal(1, f.Count(100));
        tx.ReceiveRequest(invite);
        Assert.Equal(2, f.Count(100));
        tx.SendResponse(TransactionFixture.Response(invite, 180));
        tx.ReceiveRequest(invite);
        Assert.Equal(2, f.Count(180));
    }

    [Fact]
    public void Invite_server_timer_G_retransmits_the_failure_until_the_ack_then_timer_I_terminates()
    {
        var f = new TransactionFixture();
        var invite = TransactionFixture.Request("INVITE");
        using var tx = new InviteServerTransaction(invite, reliable: false, f.Send, f.Timers, f.Time);
        tx.SendResponse(TransactionFixture.Response(invite, 486));
        Assert.Equal(SipTransactionState.Completed, tx.State);
        Assert.Equal(1, f.Count(486));
        // G: T1, then 2T1, 4T1, capped at T2: sends at 0.5, 1.5, 3.5, 7.5, 11.5 s.
        f.Advance(f.T1);
        Assert.Equal(2, f.Count(486));
        f.Advance(f.T1 * 2);
        Assert.Equal(3, f.Count(486));
        f.Advance(f.T1 * 4);
        Assert.Equal(4, f.Count(486));
        f.Advance(f.Timers.T2);
        Assert.Equal(5, f.Count(486));
        f.Advance(f.Timers.T2);
        Assert.Equal(6, f.Count(486));
        tx.ReceiveRequest(invite); // a retransmitted INVITE gets the final response again
        Assert.Equal(7, f.Count(486));

        var acknowledged = false;
        tx.Acknowledged += (_, _) => acknowledged = true;
        tx.ReceiveRequest(TransactionFixture.Ack(invite));
        Assert.True(acknowledged);
        Assert.Equal(SipTransactionState.Confirmed, tx.State);
        f.Advance(f.Timers.T2 * 2);
        Assert.Equal(7, f.Count(486)); // G stopped
        Assert.Equal(SipTransactionState.Terminated, tx.State); // I = T4 = 5 s passed
    }

    [Fact]
    public void Invite_server_timer_I_is_T4_after_the_ack()
    {
        var f = new TransactionFixture();
        var invite = TransactionFixture.Request("INVITE");
        using var tx = new InviteServerTransaction(invite, reliable: false, f.Send, f.Timers, f.Time);
        tx.SendResponse(TransactionFixture.Response(invite, 404));
        tx.ReceiveRequest(TransactionFixture.Ack(invite));
        f.Advance(f.Timers.T4 - TimeSpan.FromTicks(1));
        Assert.Equal(SipTransactionState.Confirmed, tx.State);
        tx.ReceiveRequest(TransactionFixture.Ack(invite)); // absorbed in Confirmed
        f.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(SipTransactionState.Terminated, tx.State);
    }

    [Fact]
    public void Invite_server_timer_H_gives_up_without_an_ack()
    {
        var f = new TransactionFixture();
        var invite = TransactionFixture.Request("INVITE");
        using var tx = new InviteServerTransaction(invite, reliable: true, f.Send, f.Timers, f.Time);
        var timedOut = false;
        tx.TimedOut += (_, _) => timedOut = true;
        tx.SendResponse(TransactionFixture.Response(invite, 480));
        f.Advance(TimeSpan.FromSeconds(32) - TimeSpan.FromTicks(1));
        Assert.False(timedOut);
        Assert.Equal(1, f.Count(480)); // reliable: no Timer G
        f.Advance(TimeSpan.FromTicks(1));
        Assert.True(timedOut);
        Assert.Equal(SipTransactionState.Terminated, tx.State);
    }

    [Fact]
    public void Invite_server_2xx_terminates_and_refuses_more_responses()
    {
        var f = new TransactionFixture();
        var invite = TransactionFixture.Request("INVITE");
        using var tx = new InviteServerTransaction(invite, reliable: false, f.Send, f.Timers, f.Time);
        tx.SendResponse(TransactionFixture.Response(invite, 200));
        Assert.Equal(SipTransactionState.Terminated, tx.State);
        Assert.Throws<InvalidOperationException>(() => tx.SendResponse(TransactionFixture.Response(invite, 486)));
    }

    [Fact]
    public void Non_invite_server_discards_retransmissions_in_trying_and_resends_after()
    {
        var f = new TransactionFixture();
        var request = TransactionFixture.Request("REGISTER");
        using var tx = new NonInviteServerTransaction(request, reliable: false, f.Send, f.Timers, f.Time);
        Assert.Equal(SipTransactionState.Trying, tx.State);
        tx.ReceiveRequest(request);
        Assert.Empty(f.Sent);
        tx.SendResponse(TransactionFixture.Response(request, 100));
        Assert.Equal(SipTransactionState.Proceeding, tx.State);
        tx.ReceiveRequest(request);
        Assert.Equal(2, f.Count(100));
        tx.SendResponse(TransactionFixture.Response(request, 200));
        Assert.Equal(SipTransactionState.Completed, tx.State);
        tx.ReceiveRequest(request);
        Assert.Equal(2, f.Count(200));
    }

    [Fact]
    public void Non_invite_server_timer_J_is_64_T1_unreliable_and_zero_reliable()
    {
        var f = new TransactionFixture();
        var request = TransactionFixture.Request("OPTIONS");
        using var udp = new NonInviteServerTransaction(request, reliable: false, f.Send, f.Timers, f.Time);
        using var tcp = new NonInviteServerTransaction(request, reliable: true, f.Send, f.Timers, f.Time);
        udp.SendResponse(TransactionFixture.Response(request, 200));
        tcp.SendResponse(TransactionFixture.Response(request, 200));
        Assert.Equal(SipTransactionState.Terminated, tcp.State);
        f.Advance(TimeSpan.FromSeconds(32) - TimeSpan.FromTicks(1));
        Assert.Equal(SipTransactionState.Completed, udp.State);
        f.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(SipTransactionState.Terminated, udp.State);
    }

    [Fact]
    public void Layer_matches_retransmissions_acks_and_cancels_and_forgets_terminated_transactions()
    {
        var f = new TransactionFixture();
        var layer = new SipTransactionLayer(f.Timers, f.Time);
        var invite = TransactionFixture.Request("INVITE");
        Assert.False(layer.TryMatchRequest(invite));
        var tx = layer.CreateServer(invite, reliable: false, f.Send);
        Assert.True(layer.TryMatchRequest(invite));
        Assert.Equal(2, f.Count(100));

        var cancel = SipMessageBuilder.Request(SipMethod.Cancel, invite.RequestUriText)
            .Add(SipHeaderId.Via, invite.GetHeader(SipHeaderId.Via)!).Add(SipHeaderId.From, invite.GetHeader(SipHeaderId.From)!)
            .Add(SipHeaderId.To, invite.GetHeader(SipHeaderId.To)!).Add(SipHeaderId.CallId, invite.CallId).Add(SipHeaderId.CSeq, "1 CANCEL").Build();
        Assert.False(layer.TryMatchRequest(cancel)); // CANCEL is its own transaction (§9.2)
        Assert.Same(tx, layer.FindCancelled(cancel));

        tx.SendResponse(TransactionFixture.Response(invite, 486));
        Assert.True(layer.TryMatchRequest(TransactionFixture.Ack(invite)));
        Assert.Equal(SipTransactionState.Confirmed, tx.State);
        f.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, layer.ServerCount);

        var options = TransactionFixture.Request("OPTIONS", branch: "z9hG4bKc1");
        var client = layer.CreateClient(options, reliable: false, f.Send);
        client.Start();
        Assert.True(layer.TryMatchResponse(TransactionFixture.Response(options, 200)));
        Assert.False(layer.TryMatchResponse(TransactionFixture.Response(TransactionFixture.Request("OPTIONS", branch: "z9hG4bKother"), 200)));
    }
}
