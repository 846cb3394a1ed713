using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CtiCore.Sip.Messages;
using CtiCore.Sip.Transport;

namespace CtiCore.Sip.Tests.Transport;

/// <summary>
/// The UDP transport's own duties, on real loopback sockets: one datagram in is one message to the sink with its
/// source; oversized datagrams and sources over their rate are dropped and counted; a sink that throws does not stop
/// the receiving thread; disposing it while it is blocked in a receive ends that thread and frees the port.
/// </summary>
public sealed class SipUdpTransportTests
{
    private const int MaxMessageSize = 1000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_datagram_reaches_the_sink_with_its_source_and_replies_go_back_to_it()
    {
        var sink = new RecordingSink();
        await using var transport = Start(sink, rateLimiter: null);
        using var phone = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        await phone.SendAsync(Datagram("first"), transport.LocalEndPoint, Ct);
        await phone.SendAsync(Datagram("second"), transport.LocalEndPoint, Ct);

        var first = await sink.NextAsync();
        var second = await sink.NextAsync();
        Assert.Equal("first", Encoding.ASCII.GetString(first.Datagram));
        Assert.Equal("second", Encoding.ASCII.GetString(second.Datagram));
        Assert.Equal(phone.Client.LocalEndPoint, first.Remote.EndPoint);
        Assert.Equal(SipTransportProtocol.Udp, first.Remote.Protocol);

        await transport.SendAsync(Datagram("reply"), first.Remote.EndPoint, Ct);
        var reply = await phone.ReceiveAsync(Ct);
        Assert.Equal("reply", Encoding.ASCII.GetString(reply.Buffer));
        Assert.Equal(transport.LocalEndPoint, reply.RemoteEndPoint);
    }

    [Fact]
    public async Task Oversized_datagrams_and_sources_over_their_rate_are_dropped_and_counted()
    {
        var sink = new RecordingSink();
        await using var transport = Start(sink, new SipRateLimiter(perSecond: 0.001, burst: 2, TimeProvider.System));
        using var phone = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        await phone.SendAsync(new byte[MaxMessageSize + 1], transport.LocalEndPoint, Ct); // dropped before the limiter
        await phone.SendAsync(Datagram("within burst 1"), transport.LocalEndPoint, Ct);
        await phone.SendAsync(Datagram("within burst 2"), transport.LocalEndPoint, Ct);
        await phone.SendAsync(Datagram("over the rate"), transport.LocalEndPoint, Ct);

        Assert.Equal("within burst 1", Encoding.ASCII.GetString((await sink.NextAsync()).Datagram));
        Assert.Equal("within burst 2", Encoding.ASCII.GetString((await sink.NextAsync()).Datagram));
        while (transport.Dropped < 2)
        {
            await Task.Delay(10, Ct);
        }
        Assert.Equal(2, transport.Dropped);
        Assert.Equal(0, sink.Count);
    }

    [Fact]
    public async Task A_sink_that_throws_does_not_stop_the_transport_receiving()
    {
        var sink = new RecordingSink { ThrowOn = "poison" };
        await using var transport = Start(sink, rateLimiter: null);
        using var phone = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        await phone.SendAsync(Datagram("poison"), transport.LocalEndPoint, Ct);
        await phone.SendAsync(Datagram("after"), transport.LocalEndPoint, Ct);

        Assert.Equal("after", Encoding.ASCII.GetString((await sink.NextAsync()).Datagram));
        Assert.Equal(1, transport.SinkFailures);
    }

    [Fact]
    public async Task Disposing_while_the_receiver_is_blocked_ends_it_and_frees_the_port()
    {
        var sink = new RecordingSink();
        var transport = Start(sink, rateLimiter: null);
        var port = transport.LocalEndPoint;

        // DisposeAsync joins the receiving thread, so returning at all shows the blocked receive was released.
        await transport.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30), Ct);

        using var rebound = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        rebound.Bind(port);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await transport.SendAsync(Datagram("late"), port, Ct));
    }

    private static SipUdpTransport Start(ISipInboundSink sink, SipRateLimiter? rateLimiter)
    {
        var transport = new SipUdpTransport(new IPEndPoint(IPAddress.Loopback, 0), sink, MaxMessageSize, rateLimiter);
        transport.Start();
        return transport;
    }

    private static byte[] Datagram(string text) => Encoding.ASCII.GetBytes(text);

    private sealed class RecordingSink : ISipInboundSink
    {
        private readonly BlockingCollection<(byte[] Datagram, SipRemote Remote)> _datagrams = [];

        public string? ThrowOn { get; init; }

        public int Count => _datagrams.Count;

        public void OnDatagram(ReadOnlyMemory<byte> datagram, SipRemote remote)
        {
            if (ThrowOn is not null && datagram.Span.SequenceEqual(Encoding.ASCII.GetBytes(ThrowOn)))
            {
                throw new InvalidOperationException("a sink bug");
            }
            _datagrams.Add((datagram.ToArray(), remote));
        }

        public void OnStreamMessage(SipMessage message, SipRemote remote)
        {
        }

        public void OnStreamRejected(SipRejectedException rejection, SipRemote remote)
        {
        }

        public Task<(byte[] Datagram, SipRemote Remote)> NextAsync() =>
            Task.Run(() => _datagrams.TryTake(out var next, 30_000, Ct) ? next : throw new TimeoutException("nothing arrived"), Ct);
    }
}
