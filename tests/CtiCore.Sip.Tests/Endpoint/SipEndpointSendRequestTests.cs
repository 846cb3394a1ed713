using System.Net;
using System.Net.Sockets;
using CtiCore.Sip.Endpoint;
using CtiCore.Sip.Messages;
using CtiCore.Sip.Tests.Support;
using CtiCore.Sip.Transactions;
using CtiCore.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace CtiCore.Sip.Tests.Endpoint;

public sealed class SipEndpointSendRequestTests
{
    /// <summary>
    /// A phone on the same host can answer before SendRequest returns (seen under load in CI: a transfer target's 200
    /// was never ACKed because the B2BUA subscribed after the send). Here the peer answers inside the transmission.
    /// </summary>
    [Fact]
    public void A_final_answer_that_comes_back_during_the_send_reaches_the_observer()
    {
        var peer = new SipRemote(new IPEndPoint(IPAddress.Loopback, 40000), SipTransportProtocol.Udp);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        SipEndpoint endpoint = null!;
        endpoint = new SipEndpoint(new SipEndpointOptions { Port = 0 }, new AnsweringHandler(), passwordFor: null, time, new RecordingLogger<SipEndpoint>())
        {
            SendOverride = (bytes, _) =>
            {
                Assert.True(SipParser.TryParse(bytes.ToArray(), SipTransportFraming.Datagram, out var sent, out SipRejectedException? _));
                if (sent!.IsRequest && sent.Method == SipMethod.Invite)
                {
                    endpoint.OnDatagram(SipMessageBuilder.ResponseTo(sent, 200, toTag: "uas1").Build().Bytes, peer);
                }
            },
        };
        var invite = SipMessageBuilder.Request(SipMethod.Invite, "sip:uas@127.0.0.1:40000")
            .Add(SipHeaderId.Via, $"SIP/2.0/UDP 127.0.0.1:5060;branch={SipEndpoint.NewBranch()}")
            .Add(SipHeaderId.MaxForwards, "70")
            .Add(SipHeaderId.From, "<sip:cticore@127.0.0.1>;tag=b2b1")
            .Add(SipHeaderId.To, "<sip:uas@127.0.0.1>")
            .Add(SipHeaderId.CallId, "fast-answer@cticore")
            .Add(SipHeaderId.CSeq, "1 INVITE")
            .Add(SipHeaderId.Contact, "<sip:cticore@127.0.0.1:5060>")
            .Build();
        var answers = new List<int>();
        SipTransactionState? stateWhenObserved = null;

        endpoint.SendRequest(invite, peer, transaction =>
        {
            stateWhenObserved = transaction.State;
            transaction.ResponseReceived += (_, response) => answers.Add(response.StatusCode);
        });

        Assert.Equal([200], answers);
        Assert.Equal(SipTransactionState.Calling, stateWhenObserved);
    }
    /// <summary>
    /// A TCP phone whose port refuses the connect: the transaction hears of it at once (§17.1.4) and ends, instead of
    /// waiting for Timer B. The clock is fake and never advanced, so only the transport's report can end it.
    /// </summary>
    [Fact]
    public async Task A_refused_tcp_connect_fails_the_client_transaction_at_once()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var endpoint = new SipEndpoint(new SipEndpointOptions { Port = 0 }, new AnsweringHandler(), passwordFor: null, time, new RecordingLogger<SipEndpoint>());
        await endpoint.StartAsync(TestContext.Current.CancellationToken);
        // Bound but not listening, and held for the test so nobody else can take the port: a connect to it is refused.
        using var nobody = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        nobody.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var closed = new SipRemote((IPEndPoint)nobody.LocalEndPoint!, SipTransportProtocol.Tcp);
        var invite = SipMessageBuilder.Request(SipMethod.Invite, $"sip:uas@127.0.0.1:{closed.EndPoint.Port};transport=tcp")
            .Add(SipHeaderId.Via, $"SIP/2.0/TCP {endpoint.LocalSentByFor(SipTransportProtocol.Tcp)};branch={SipEndpoint.NewBranch()}")
            .Add(SipHeaderId.MaxForwards, "70")
            .Add(SipHeaderId.From, "<sip:cticore@127.0.0.1>;tag=b2b2")
            .Add(SipHeaderId.To, "<sip:uas@127.0.0.1>")
            .Add(SipHeaderId.CallId, "refused@cticore")
            .Add(SipHeaderId.CSeq, "1 INVITE")
            .Add(SipHeaderId.Contact, "<sip:cticore@127.0.0.1;transport=tcp>")
            .Build();
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (failed, timedOut) = (false, false);

        var transaction = endpoint.SendRequest(invite, closed, t =>
        {
            t.TransportFailed += (_, _) => failed = true;
            t.TimedOut += (_, _) => timedOut = true;
            t.Terminated += (_, _) => ended.TrySetResult();
        });

        await ended.Task.WaitAsync(TestContext.Current.CancellationToken);
        Assert.True(failed);
        Assert.False(timedOut);
        Assert.Equal(SipTransactionState.Terminated, transaction.State);
        Assert.Equal(0, endpoint.Transactions.ClientCount);
    }
}
