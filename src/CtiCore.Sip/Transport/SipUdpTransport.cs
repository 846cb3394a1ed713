using System.Net;
using System.Net.Sockets;

namespace CtiCore.Sip.Transport;

/// <summary>
/// SIP over UDP (RFC 3261 §18): one datagram is one message. A datagram longer than the maximum message size is
/// dropped (it was truncated to max+1 octets, so it cannot be answered reliably); sources over their rate are dropped.
/// </summary>
public sealed class SipUdpTransport : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly ISipInboundSink _sink;
    private readonly SipRateLimiter? _rateLimiter;
    private readonly int _maxMessageSize;
    private readonly CancellationTokenSource _stop = new();
    private Task? _receiving;

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

    private long _dropped;

    public void Start() => _receiving = Task.Run(ReceiveLoopAsync);

    public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint to, CancellationToken cancellationToken = default)
    {
        await _socket.SendToAsync(datagram, SocketFlags.None, to, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        if (_receiving is not null)
        {
            await _receiving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        _stop.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[_maxMessageSize + 1];
        EndPoint any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // e.g. ICMP port unreachable reported on the next receive: not fatal.
            }

            var from = (IPEndPoint)result.RemoteEndPoint;
            if (result.ReceivedBytes > _maxMessageSize || (_rateLimiter is not null && !_rateLimiter.TryAcquire(from.Address)))
            {
                Interlocked.Increment(ref _dropped);
                continue;
            }
            // The message keeps its bytes (the parser copies nothing), so each datagram gets its own exact-size array.
            var datagram = buffer.AsSpan(0, result.ReceivedBytes).ToArray();
            _sink.OnDatagram(datagram, new SipRemote(from, SipTransportProtocol.Udp));
        }
    }
}
