using System.Net;
using System.Net.Sockets;

namespace CtiCore.Sip.Transport;

/// <summary>
/// SIP over UDP (RFC 3261 §18): one datagram is one message. A datagram longer than the maximum message size is
/// dropped (it was truncated to max+1 octets, so it cannot be answered reliably); sources over their rate are dropped.
/// </summary>
/// <remarks>
/// The socket is read by one dedicated thread blocked in <c>recvfrom</c>, and written with synchronous sends. The
/// async pattern costs two wake-ups per datagram (the socket engine's epoll thread, then a thread-pool worker); at a
/// handful of datagrams per call those context switches were the largest single cost of a call through the B2BUA.
/// Messages are handled one at a time on that thread, as the async loop did. The socket is never used asynchronously,
/// because that would switch it to non-blocking mode for good.
/// </remarks>
public sealed class SipUdpTransport : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly ISipInboundSink _sink;
    private readonly SipRateLimiter? _rateLimiter;
    private readonly int _maxMessageSize;
    private volatile bool _stopping;
    private Thread? _receiver;
    private long _dropped;
    private long _sinkFailures;

    public SipUdpTransport(IPEndPoint bindTo, ISipInboundSink sink, int maxMessageSize, SipRateLimiter? rateLimiter)
    {
        ArgumentNullException.ThrowIfNull(bindTo);
        _sink = sink;
        _rateLimiter = rateLimiter;
        _maxMessageSize = maxMessageSize;
        _socket = new Socket(bindTo.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(bindTo);
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Datagrams dropped as oversized or over the rate limit.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Datagrams whose sink threw (the sink is expected to contain its own errors).</summary>
    public long SinkFailures => Interlocked.Read(ref _sinkFailures);

    public void Start()
    {
        _receiver = new Thread(ReceiveLoop) { IsBackground = true, Name = $"SIP UDP {LocalEndPoint}" };
        _receiver.Start();
    }

    /// <remarks>Completes synchronously: a UDP send only copies the datagram into the kernel.</remarks>
    public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint to, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _socket.SendTo(datagram.Span, SocketFlags.None, to);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _stopping = true;
        _socket.Dispose(); // unblocks the receiver's recvfrom (the runtime shuts the socket down first).
        if (_receiver is not null && _receiver != Thread.CurrentThread)
        {
            _receiver.Join();
        }
        return ValueTask.CompletedTask;
    }

    private void ReceiveLoop()
    {
        var buffer = new byte[_maxMessageSize + 1];
        var source = new SocketAddress(LocalEndPoint.AddressFamily);
        while (!_stopping)
        {
            int received;
            try
            {
                received = _socket.ReceiveFrom(buffer, SocketFlags.None, source);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException) when (!_stopping)
            {
                continue; // e.g. ICMP port unreachable reported on the next receive: not fatal.
            }
            catch (SocketException)
            {
                return; // the socket was shut down under the blocked receive.
            }

            var from = (IPEndPoint)LocalEndPoint.Create(source);
            if (received > _maxMessageSize || (_rateLimiter is not null && !_rateLimiter.TryAcquire(from.Address)))
            {
                Interlocked.Increment(ref _dropped);
                continue;
            }
            // The message keeps its bytes (the parser copies nothing), so each datagram gets its own exact-size array.
            var datagram = buffer.AsSpan(0, received).ToArray();
            try
            {
                _sink.OnDatagram(datagram, new SipRemote(from, SipTransportProtocol.Udp));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The sink answers for its own errors; an exception escaping it must not end this thread (an
                // unhandled one on a dedicated thread takes the process down) nor stop the transport receiving.
                Interlocked.Increment(ref _sinkFailures);
            }
        }
    }
}
