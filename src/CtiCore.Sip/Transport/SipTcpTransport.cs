using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace CtiCore.Sip.Transport;

/// <summary>
/// SIP over TCP (RFC 3261 §18): accepts connections, frames each byte stream with <see cref="SipStreamFramer"/>
/// through a <see cref="PipeReader"/>, and breaks a connection whose stream cannot be framed or whose source is
/// over its rate. Responses go back on the connection the request came in on (§18.2.2).
/// </summary>
public sealed class SipTcpTransport : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly ISipInboundSink _sink;
    private readonly SipRateLimiter? _rateLimiter;
    private readonly SipStreamFramer _framer;
    private readonly ConcurrentDictionary<long, Connection> _connections = new();

    /// <summary>Connections this side opened, by the address they go to, so later requests to it reuse them.</summary>
    private readonly ConcurrentDictionary<IPEndPoint, long> _opened = new();
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task? _accepting;
    private long _nextId;

    public SipTcpTransport(IPEndPoint bindTo, ISipInboundSink sink, int maxMessageSize, SipRateLimiter? rateLimiter)
    {
        ArgumentNullException.ThrowIfNull(bindTo);
        _sink = sink;
        _rateLimiter = rateLimiter;
        _framer = new SipStreamFramer(maxMessageSize);
        _listener = new Socket(bindTo.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(bindTo);
        _listener.Listen(128);
        LocalEndPoint = (IPEndPoint)_listener.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    public int ConnectionCount => _connections.Count;

    public void Start() => _accepting = Task.Run(AcceptLoopAsync);

    public async ValueTask SendAsync(ReadOnlyMemory<byte> message, long connectionId, CancellationToken cancellationToken = default)
    {
        if (!_connections.TryGetValue(connectionId, out var connection))
        {
            throw new InvalidOperationException("The TCP connection is gone.");
        }
        await connection.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.Socket.SendAsync(message, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            connection.Gate.Release();
        }
    }

    /// <summary>
    /// Sends on <paramref name="remote"/>'s connection while it is open; without one (or once it closed), on a
    /// connection to <see cref="SipRemote.EndPoint"/>: the one opened before, or a new one (§18.1.1), whose responses
    /// and requests are read like an accepted connection's.
    /// </summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> message, SipRemote remote, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remote);
        var id = remote.ConnectionId != 0 && _connections.ContainsKey(remote.ConnectionId)
            ? remote.ConnectionId
            : await ConnectAsync(remote.EndPoint, cancellationToken).ConfigureAwait(false);
        await SendAsync(message, id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The open connection this side made to <paramref name="endPoint"/>, or a new one; one connect at a time.</summary>
    private async ValueTask<long> ConnectAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        if (_opened.TryGetValue(endPoint, out var known) && _connections.ContainsKey(known))
        {
            return known;
        }
        await _connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_opened.TryGetValue(endPoint, out known) && _connections.ContainsKey(known))
            {
                return known;
            }
            var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
                timeout.CancelAfter(ConnectTimeout);
                await socket.ConnectAsync(endPoint, timeout.Token).ConfigureAwait(false);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
            var id = Interlocked.Increment(ref _nextId);
            var connection = new Connection(socket);
            _connections[id] = connection;
            _opened[endPoint] = id;
            _ = Task.Run(() => ServeAsync(id, connection), CancellationToken.None);
            return id;
        }
        finally
        {
            _connecting.Release();
        }
    }

    /// <summary>How long a connect may take before the send fails (a phone that is gone must not hold the others up).</summary>
    public static TimeSpan ConnectTimeout { get; } = TimeSpan.FromSeconds(5);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        foreach (var connection in _connections.Values)
        {
            connection.Socket.Dispose();
        }
        if (_accepting is not null)
        {
            await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        _stop.Dispose();
        _connecting.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            var id = Interlocked.Increment(ref _nextId);
            var connection = new Connection(socket);
            _connections[id] = connection;
            _ = Task.Run(() => ServeAsync(id, connection));
        }
    }

    private async Task ServeAsync(long id, Connection connection)
    {
        var remote = new SipRemote((IPEndPoint)connection.Socket.RemoteEndPoint!, SipTransportProtocol.Tcp, id);
        var stream = new NetworkStream(connection.Socket, ownsSocket: true);
        var reader = PipeReader.Create(stream);
        var state = default(SipFramerState);
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(_stop.Token).ConfigureAwait(false);
                var buffer = read.Buffer;
                while (true)
                {
                    var status = _framer.TryRead(ref state, buffer, out var message, out var consumed, out var examined);
                    if (status == OperationStatus.Done)
                    {
                        buffer = buffer.Slice(consumed);
                        if (_rateLimiter is not null && !_rateLimiter.TryAcquire(remote.EndPoint.Address))
                        {
                            return; // over its rate: break the connection rather than queue its flood.
                        }
                        _sink.OnStreamMessage(message!, remote);
                        continue;
                    }
                    if (status == OperationStatus.InvalidData)
                    {
                        _sink.OnStreamRejected(state.Error!, remote);
                        return; // a desynchronized stream is broken, never guessed at.
                    }
                    reader.AdvanceTo(consumed, examined);
                    break;
                }
                if (read.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The peer went away or we are stopping.
        }
        finally
        {
            _connections.TryRemove(id, out _);
            foreach (var opened in _opened.Where(o => o.Value == id).ToList())
            {
                _opened.TryRemove(opened);
            }
            await reader.CompleteAsync().ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
            connection.Gate.Dispose();
        }
    }

    private sealed class Connection(Socket socket)
    {
        public Socket Socket { get; } = socket;

        public SemaphoreSlim Gate { get; } = new(1, 1);
    }
}
