using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CtiCore.Sip.Messages;
using CtiCore.Sip.Transport;

namespace CtiCore.Sip.Tests.Transport;

/// <summary>
/// Requests this side sends over TCP: on a peer's own connection while it is open (a registration's flow), else on
/// a connection opened to the peer's address and then reused. Real sockets on loopback, ephemeral ports.
/// </summary>
public sealed class SipTcpTransportTests : IAsyncLifetime
{
    private readonly RecordingSink _sink = new();
    private SipTcpTransport _transport = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _transport = new SipTcpTransport(new IPEndPoint(IPAddress.Loopback, 0), _sink, 65535, rateLimiter: null);
        _transport.Start();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _transport.DisposeAsync();

    [Fact]
    public async Task A_request_to_a_peer_goes_on_the_connection_it_opened_while_that_is_open()
    {
        using var phone = new TcpClient();
        await phone.ConnectAsync(_transport.LocalEndPoint, Ct);
        await phone.GetStream().WriteAsync(Request("register-1"), Ct);
        var flow = (await _sink.NextAsync()).Remote;

        // The contact's address has a listener, which must not be connected to: the flow is used instead.
        using var contact = new TcpListener(IPAddress.Loopback, 0);
        contact.Start();
        var invite = Request("invite-1");
        await _transport.SendAsync(invite, new SipRemote((IPEndPoint)contact.LocalEndpoint, SipTransportProtocol.Tcp, flow.ConnectionId), Ct);

        Assert.Equal(invite, await ReadAsync(phone.GetStream(), invite.Length));
        Assert.False(contact.Pending());
        Assert.Equal(1, _transport.ConnectionCount);
    }

    [Fact]
    public async Task Without_an_open_flow_a_connection_to_the_contact_is_opened_reused_and_read()
    {
        using var contact = new TcpListener(IPAddress.Loopback, 0);
        contact.Start();
        var address = (IPEndPoint)contact.LocalEndpoint;
        var first = Request("invite-2");
        await _transport.SendAsync(first, new SipRemote(address, SipTransportProtocol.Tcp, ConnectionId: 0), Ct);
        using var accepted = await contact.AcceptTcpClientAsync(Ct);
        Assert.Equal(first, await ReadAsync(accepted.GetStream(), first.Length));

        // The next request to the same address (a flow that has closed since) goes on the same connection.
        var second = Request("bye-2");
        await _transport.SendAsync(second, new SipRemote(address, SipTransportProtocol.Tcp, ConnectionId: 12345), Ct);
        Assert.Equal(second, await ReadAsync(accepted.GetStream(), second.Length));
        Assert.False(contact.Pending());

        // What the phone sends back on it is read like anything arriving on an accepted connection.
        await accepted.GetStream().WriteAsync(Request("from-phone-2"), Ct);
        var (message, remote) = await _sink.NextAsync();
        Assert.Equal("from-phone-2", message.CallId);
        Assert.Equal(SipTransportProtocol.Tcp, remote.Protocol);
        Assert.NotEqual(0, remote.ConnectionId);
    }

    [Fact]
    public async Task A_closed_connection_to_the_contact_is_replaced_by_a_new_one()
    {
        using var contact = new TcpListener(IPAddress.Loopback, 0);
        contact.Start();
        var address = new SipRemote((IPEndPoint)contact.LocalEndpoint, SipTransportProtocol.Tcp);
        await _transport.SendAsync(Request("invite-3"), address, Ct);
        using (var gone = await contact.AcceptTcpClientAsync(Ct))
        {
            await ReadAsync(gone.GetStream(), Request("invite-3").Length);
        }
        await Rtp.RtpRelayTests.WaitUntil(() => _transport.ConnectionCount == 0);

        var again = Request("invite-4");
        await _transport.SendAsync(again, address, Ct);
        using var accepted = await contact.AcceptTcpClientAsync(Ct);
        Assert.Equal(again, await ReadAsync(accepted.GetStream(), again.Length));
    }

    private static byte[] Request(string callId) => Encoding.ASCII.GetBytes(
        "OPTIONS sip:phone@127.0.0.1 SIP/2.0\r\n" +
        "Via: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bK" + callId + "\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:cticore@127.0.0.1>;tag=1\r\n" +
        "To: <sip:phone@127.0.0.1>\r\n" +
        "Call-ID: " + callId + "\r\n" +
        "CSeq: 1 OPTIONS\r\n" +
        "Content-Length: 0\r\n\r\n");

    private static async Task<byte[]> ReadAsync(NetworkStream stream, int length)
    {
        var buffer = new byte[length];
        await stream.ReadExactlyAsync(buffer, Ct);
        return buffer;
    }

    private sealed class RecordingSink : ISipInboundSink
    {
        private readonly BlockingCollection<(SipMessage Message, SipRemote Remote)> _messages = [];

        public void OnDatagram(ReadOnlyMemory<byte> datagram, SipRemote remote)
        {
        }

        public void OnStreamMessage(SipMessage message, SipRemote remote) => _messages.Add((message, remote));

        public void OnStreamRejected(SipRejectedException rejection, SipRemote remote)
        {
        }

        public Task<(SipMessage Message, SipRemote Remote)> NextAsync() =>
            Task.Run(() => _messages.TryTake(out var next, 30_000, Ct) ? next : throw new TimeoutException("nothing arrived"), Ct);
    }
}
