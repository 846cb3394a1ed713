using System.Collections.Concurrent;
using System.Net;
using CtiCore.Sip.Authentication;
using CtiCore.Sip.Messages;
using CtiCore.Sip.Registrar;
using CtiCore.Sip.Transactions;
using CtiCore.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace CtiCore.Sip.Endpoint;

/// <summary>
/// Ties the stack together: transports → parser → transactions → registrar, OPTIONS and the TU handler. Whatever a
/// peer sends, the endpoint answers or drops it and carries on: a malformed request gets 400 (505, 513 …) when it can
/// be addressed, a malformed response is dropped (§18.1.2), a TCP stream that cannot be framed is broken.
/// </summary>
public sealed class SipEndpoint : ISipInboundSink, IAsyncDisposable
{
    private readonly ISipRequestHandler? _handler;
    private readonly SipDigestServer? _digest;
    private readonly ISipCredentialSource? _credentials;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SipRateLimiter _rateLimiter;
    private readonly ConcurrentDictionary<SipServerTransaction, SipServerRequest> _openInvites = new();
    private readonly ConcurrentDictionary<(string CallId, long CSeq), PendingOk> _pendingOks = new();
    private int _disposed;
    private SipUdpTransport? _udp;
    private SipTcpTransport? _tcp;

    /// <param name="passwordFor">Credential lookup for digest authentication of REGISTER; null leaves the registrar open.</param>
    public SipEndpoint(SipEndpointOptions options, ISipRequestHandler? handler, Func<string, string?>? passwordFor, TimeProvider timeProvider, ILogger<SipEndpoint> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _handler = handler;
        _timeProvider = timeProvider;
        _logger = logger;
        _rateLimiter = new SipRateLimiter(options.RateLimitPerSecond, options.RateLimitBurst, timeProvider);
        Transactions = new SipTransactionLayer(options.Timers, timeProvider);
        Registrar = new SipRegistrar(options.Registrar, timeProvider);
        if (passwordFor is not null)
        {
            _digest = new SipDigestServer(options.Realm, passwordFor, timeProvider, options.NonceLifetime, [.. options.DigestAlgorithms.Select(a => SipDigest.ParseAlgorithm(a)!.Value)]);
        }
    }

    /// <summary>REGISTER is challenged and checked against <paramref name="credentials"/> (stored H(A1), no passwords).</summary>
    public SipEndpoint(SipEndpointOptions options, ISipRequestHandler? handler, ISipCredentialSource credentials, TimeProvider timeProvider, ILogger<SipEndpoint> logger)
        : this(options, handler, passwordFor: null, timeProvider, logger)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        _credentials = credentials;
        _digest = new SipDigestServer(options.Realm, static (_, _) => null, timeProvider, options.NonceLifetime, [.. options.DigestAlgorithms.Select(a => SipDigest.ParseAlgorithm(a)!.Value)]);
    }

    public SipEndpointOptions Options { get; }

    /// <summary>A response no client transaction claims (e.g. a retransmitted 2xx to INVITE after its transaction ended, §13.2.2.4).</summary>
    public event Action<SipMessage, SipRemote>? UnmatchedResponse;

    /// <summary>Host:port to put in our Via and Contact for requests we send over UDP.</summary>
    public string LocalSentBy => UdpEndPoint is { } udp ? $"{udp.Address}:{udp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : $"{Options.Address}:{Options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Sends a request we originate (UAC side) to <paramref name="destination"/> over UDP in a new client transaction;
    /// its responses arrive through <see cref="SipClientTransaction.ResponseReceived"/>. The request's top Via must be ours.
    /// </summary>
    public SipClientTransaction SendRequest(SipMessage request, IPEndPoint destination, Action<SipClientTransaction>? observe = null) =>
        SendRequest(request, new SipRemote(destination, SipTransportProtocol.Udp), observe);

    /// <summary>
    /// As <see cref="SendRequest(SipMessage, IPEndPoint)"/>, over <paramref name="destination"/>'s transport. Over TCP it
    /// goes on the connection named by <see cref="SipRemote.ConnectionId"/> while that is open (a registration's flow),
    /// else on a connection to the address (one opened for it, then reused); the transaction is reliable (§17.1.1.2:
    /// no retransmissions). The request's top Via must say the same transport.
    /// </summary>
    /// <param name="observe">Subscribes to the transaction's events before the first transmission: a peer on the same
    /// host can answer before this method returns, and an answer raised with no handler yet is lost (a 200 never ACKed).</param>
    public SipClientTransaction SendRequest(SipMessage request, SipRemote destination, Action<SipClientTransaction>? observe = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(destination);
        SipClientTransaction? created = null;
        var transaction = Transactions.CreateClient(request, destination.Reliable, message => Transmit(message.Bytes, destination, () => created?.FailTransport()));
        created = transaction;
        observe?.Invoke(transaction);
        transaction.Start();
        return transaction;
    }

    /// <summary>Sends a message outside any transaction: the ACK for a 2xx (§13.2.2.4).</summary>
    public void SendStateless(SipMessage message, IPEndPoint destination) =>
        SendStateless(message, new SipRemote(destination, SipTransportProtocol.Udp));

    /// <summary>Sends a message outside any transaction over <paramref name="destination"/>'s transport.</summary>
    public void SendStateless(SipMessage message, SipRemote destination)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(destination);
        Transmit(message.Bytes, destination);
    }

    /// <summary>Host:port for our Via and Contact in requests sent over <paramref name="protocol"/>.</summary>
    public string LocalSentByFor(SipTransportProtocol protocol) =>
        protocol == SipTransportProtocol.Tcp && TcpEndPoint is { } tcp
            ? $"{tcp.Address}:{tcp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
            : LocalSentBy;

    /// <summary>A new RFC 3261 branch (magic cookie + random) for a Via we add.</summary>
    public static string NewBranch() => SipVia.MagicCookie + SipServerRequest.NewTag() + SipServerRequest.NewTag();

    public SipTransactionLayer Transactions { get; }

    public SipRegistrar Registrar { get; }

    public IPEndPoint? UdpEndPoint => _udp?.LocalEndPoint;

    public IPEndPoint? TcpEndPoint => _tcp?.LocalEndPoint;

    /// <summary>Replaces the sockets when set (tests drive the endpoint without a network).</summary>
    internal Action<ReadOnlyMemory<byte>, SipRemote>? SendOverride { get; set; }

    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        var address = IPAddress.Parse(Options.Address);
        if (Options.EnableUdp)
        {
            _udp = new SipUdpTransport(new IPEndPoint(address, Options.Port), this, Options.MaxMessageSize, _rateLimiter);
            _udp.Start();
        }
        if (Options.EnableTcp)
        {
            // With port 0 the TCP side takes the port UDP got, so one number serves both (§18: same port for both).
            var port = Options.Port == 0 && _udp is not null ? _udp.LocalEndPoint.Port : Options.Port;
            _tcp = new SipTcpTransport(new IPEndPoint(address, port), this, Options.MaxMessageSize, _rateLimiter);
            _tcp.Start();
        }
        SipLog.Listening(_logger, UdpEndPoint, TcpEndPoint);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        foreach (var pending in _pendingOks.Values)
        {
            pending.Timer.Dispose();
        }
        if (_udp is not null)
        {
            await _udp.DisposeAsync().ConfigureAwait(false);
        }
        if (_tcp is not null)
        {
            await _tcp.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void OnDatagram(ReadOnlyMemory<byte> datagram, SipRemote remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        Guard(remote, () =>
        {
            SipMessage message;
            try
            {
                message = SipParser.Parse(datagram, SipTransportFraming.Datagram, Options.MaxMessageSize);
            }
            catch (SipRejectedException e)
            {
                SipLog.Rejected(_logger, remote.EndPoint, e.Reason, e.Detail);
                AnswerUnparsed(datagram, e, remote);
                return;
            }
            Dispatch(message, remote);
        });
    }

    public void OnStreamMessage(SipMessage message, SipRemote remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        Guard(remote, () => Dispatch(message, remote));
    }

    public void OnStreamRejected(SipRejectedException rejection, SipRemote remote)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        ArgumentNullException.ThrowIfNull(remote);
        SipLog.StreamBroken(_logger, remote.EndPoint, rejection.Reason, rejection.Detail);
    }

    internal void SendResponse(SipServerRequest request, SipMessage response)
    {
        request.Transaction.SendResponse(response);
        if (request.Message.Method == SipMethod.Invite && response.StatusCode is >= 200 and < 300)
        {
            _openInvites.TryRemove(request.Transaction, out _);
            if (!request.Remote.Reliable)
            {
                StartOkRetransmission(request, response);
            }
        }
    }

    private void Dispatch(SipMessage message, SipRemote remote)
    {
        if (message.IsResponse)
        {
            try
            {
                if (!Transactions.TryMatchResponse(message))
                {
                    UnmatchedResponse?.Invoke(message, remote);
                }
            }
            catch (SipRejectedException e)
            {
                SipLog.Rejected(_logger, remote.EndPoint, e.Reason, e.Detail); // §18.1.2: a bad response is dropped.
            }
            return;
        }

        SipServerRequest request;
        try
        {
            if (message.Method == SipMethod.Ack)
            {
                HandleAck(message, remote);
                return;
            }
            if (Transactions.TryMatchRequest(message))
            {
                return; // a retransmission, answered by its transaction (§17.2).
            }
            if (IsRetransmissionOfAnsweredInvite(message))
            {
                return;
            }
            var stampedVia = StampTopVia(message.TopVia, remote);
            var transaction = Transactions.CreateServer(message, remote.Reliable, response => Transmit(
                stampedVia is null ? response.Bytes : SipMessageBuilder.CopyWithTopVia(response, stampedVia).ToBytes(), remote));
            request = new SipServerRequest(this, message, remote, transaction);
        }
        catch (SipRejectedException e)
        {
            // The headers a transaction needs (Via, CSeq, Call-ID, From) do not parse: answer statelessly.
            SipLog.Rejected(_logger, remote.EndPoint, e.Reason, e.Detail);
            AnswerStatelessly(message, e.StatusCode, e.Reason.ToString(), remote);
            return;
        }

        var error = SipRequestScreening.Screen(message, request.LocalTag);
        if (error is not null)
        {
            Respond(request, error);
            return;
        }

        try
        {
            switch (message.Method)
            {
                case SipMethod.Cancel:
                    HandleCancel(request);
                    break;
                case SipMethod.Register:
                    HandleRegister(request);
                    break;
                case SipMethod.Options:
                    Respond(request, request.CreateResponse(200)
                        .Add(SipHeaderId.Allow, SipRequestScreening.AllowHeader)
                        .Add(SipHeaderId.Accept, SipRequestScreening.AcceptHeader));
                    break;
                case SipMethod.Invite when _handler is not null:
                    _openInvites[request.Transaction] = request;
                    request.Transaction.Terminated += (_, _) => _openInvites.TryRemove(request.Transaction, out _);
                    _handler.OnRequest(request);
                    break;
                default:
                    if (_handler is null)
                    {
                        Respond(request, request.CreateResponse(message.Method == SipMethod.Invite || message.Method == SipMethod.Bye ? 480 : 405)
                            .Add(SipHeaderId.Allow, SipRequestScreening.AllowHeader));
                    }
                    else
                    {
                        _handler.OnRequest(request);
                    }
                    break;
            }
        }
        catch (SipRejectedException e)
        {
            SipLog.Rejected(_logger, remote.EndPoint, e.Reason, e.Detail);
            TryRespond(request, request.CreateResponse(e.StatusCode, e.Reason.ToString()));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            SipLog.Failed(_logger, e, remote.EndPoint);
            TryRespond(request, request.CreateResponse(500));
        }
    }

    /// <summary>
    /// RFC 3261 §18.2.1: when the top Via's sent-by is a name or differs from the packet's source address, responses
    /// carry received=source; RFC 3581 §4: an empty rport is filled with the source port (and received added).
    /// Returns the top Via to put in responses, or null when it stays as the peer wrote it.
    /// </summary>
    internal static string? StampTopVia(SipVia via, SipRemote remote)
    {
        var source = remote.EndPoint.Address.IsIPv4MappedToIPv6 ? remote.EndPoint.Address.MapToIPv4() : remote.EndPoint.Address;
        var host = via.Host.Trim('[', ']');
        var wantsRport = via.Parameters.Contains("rport") && via.Parameters.Get("rport") is null;
        var differs = !IPAddress.TryParse(host, out var sentBy) || !sentBy.Equals(source);
        if (!differs && !wantsRport)
        {
            return null;
        }
        var stamped = via.WithParameter("received", source.ToString());
        if (wantsRport)
        {
            stamped = stamped.WithParameter("rport", remote.EndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return stamped.ToString();
    }

    private void HandleRegister(SipServerRequest request)
    {
        var message = request.Message;
        var aor = message.To.Uri!;
        if (!aor.IsSip)
        {
            // §10.2: the To of a REGISTER must be a SIP or SIPS AOR; anything else is a bad request (RFC 4475 §3.3.4).
            Respond(request, request.CreateResponse(400));
            return;
        }
        if (_credentials is not null)
        {
            _ = RegisterWithStoredCredentialsAsync(request);
            return;
        }
        if (_digest is not null)
        {
            var verdict = _digest.Verify(message);
            if (verdict != SipDigestVerdict.Valid)
            {
                // §10.3 step 2, §22.4: challenge; stale=true when only the nonce had aged (RFC 2617 §3.2.1).
                var challenge = request.CreateResponse(401);
                foreach (var value in _digest.CreateChallenges(stale: verdict == SipDigestVerdict.Stale))
                {
                    challenge.Add(SipHeaderId.WwwAuthenticate, value);
                }
                Respond(request, challenge);
                return;
            }
            // §10.3 step 4: the authenticated user may change only their own bindings.
            if (!string.Equals(SipDigestServer.UserName(message), aor.UnescapedUser, StringComparison.Ordinal))
            {
                Respond(request, request.CreateResponse(403));
                return;
            }
        }
        Respond(request, Registrar.Register(message, request.LocalTag, request.Remote).Add(SipHeaderId.Server, Options.ServerName));
    }

    /// <summary>§10.3 steps 2–8 with credentials from an async store; runs off the receive loop, never throws.</summary>
    private async Task RegisterWithStoredCredentialsAsync(SipServerRequest request)
    {
        try
        {
            var message = request.Message;
            var aor = message.To.Uri!;
            var userName = SipDigestServer.UserName(message);
            var credentials = userName is null ? null : await _credentials!.FindAsync(userName, CancellationToken.None).ConfigureAwait(false);
            var verdict = _digest!.Verify(message, (user, algorithm) => user == userName ? credentials?.For(algorithm) : null);
            if (verdict != SipDigestVerdict.Valid)
            {
                // A known user with a wrong password gets 403 (§22.4 allows it; phones then stop retrying);
                // no credentials yet, an unknown user or a stale nonce get a (new) challenge.
                if (verdict == SipDigestVerdict.Invalid && credentials is not null)
                {
                    Respond(request, request.CreateResponse(403));
                    return;
                }
                var challenge = request.CreateResponse(401);
                foreach (var value in _digest.CreateChallenges(stale: verdict == SipDigestVerdict.Stale))
                {
                    challenge.Add(SipHeaderId.WwwAuthenticate, value);
                }
                Respond(request, challenge);
                return;
            }
            if (!string.Equals(userName, aor.UnescapedUser, StringComparison.Ordinal))
            {
                Respond(request, request.CreateResponse(403));
                return;
            }
            Respond(request, Registrar.Register(message, request.LocalTag, request.Remote).Add(SipHeaderId.Server, Options.ServerName));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            SipLog.Failed(_logger, e, request.Remote.EndPoint);
            TryRespond(request, request.CreateResponse(500));
        }
    }

    private void HandleCancel(SipServerRequest cancel)
    {
        // §9.2: the CANCEL matches the INVITE's server transaction; answer it 200 and the INVITE 487 if not final yet.
        var invite = Transactions.FindCancelled(cancel.Message);
        if (invite is null || !_openInvites.TryRemove(invite, out var inviteRequest))
        {
            Respond(cancel, cancel.CreateResponse(481));
            return;
        }
        Respond(cancel, SipMessageBuilder.ResponseTo(cancel.Message, 200, inviteRequest.LocalTag).Add(SipHeaderId.Server, Options.ServerName));
        if (invite.State == SipTransactionState.Proceeding)
        {
            TryRespond(inviteRequest, inviteRequest.CreateResponse(487));
            _handler?.OnCancelled(inviteRequest);
        }
    }

    private void HandleAck(SipMessage ack, SipRemote remote)
    {
        if (Transactions.TryMatchRequest(ack))
        {
            return; // the ACK of a non-2xx final response belongs to the INVITE transaction (§17.2.1).
        }
        if (_pendingOks.TryRemove((ack.CallId, ack.CSeq.Number), out var pending))
        {
            pending.Timer.Dispose();
        }
        _handler?.OnAck(ack, remote);
    }

    /// <summary>
    /// A 2xx ends the INVITE's server transaction (§17.2.1), so a retransmission of that INVITE, sent before the UAC
    /// heard anything, would otherwise open a new transaction (a second 100 Trying after the 200) and reach the handler
    /// as a new request. RFC 6026 §8.5 (the Accepted state) absorbs it; here while the 2xx awaits its ACK, which is as
    /// long as the UAC can still be retransmitting (it stops at the first response it hears).
    /// </summary>
    private bool IsRetransmissionOfAnsweredInvite(SipMessage message) =>
        message.Method == SipMethod.Invite
        && _pendingOks.TryGetValue((message.CallId, message.CSeq.Number), out var answered)
        && string.Equals(answered.Branch, message.TopVia.Branch, StringComparison.Ordinal);

    /// <summary>§13.3.1.4: the UAS core retransmits a 2xx to INVITE at T1, doubling to T2, until the ACK or 64*T1.</summary>
    private void StartOkRetransmission(SipServerRequest request, SipMessage response)
    {
        var key = (request.Message.CallId, request.Message.CSeq.Number);
        var stampedVia = StampTopVia(request.Message.TopVia, request.Remote);
        var bytes = stampedVia is null ? response.Bytes : SipMessageBuilder.CopyWithTopVia(response, stampedVia).ToBytes();
        var timers = Options.Timers;
        var started = _timeProvider.GetTimestamp();
        var interval = timers.T1;
        PendingOk? pending = null;
        var timer = _timeProvider.CreateTimer(
            _ =>
            {
                if (!_pendingOks.ContainsKey(key))
                {
                    return;
                }
                if (_timeProvider.GetElapsedTime(started) >= timers.TransactionTimeout)
                {
                    if (_pendingOks.TryRemove(key, out var gone))
                    {
                        gone.Timer.Dispose();
                    }
                    SipLog.AckTimeout(_logger, request.Remote.EndPoint);
                    return;
                }
                Transmit(bytes, request.Remote);
                interval = TimeSpan.FromTicks(Math.Min((interval * 2).Ticks, timers.T2.Ticks));
                pending?.Timer.Change(interval, Timeout.InfiniteTimeSpan);
            },
            null,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        pending = new PendingOk(timer, request.Message.TopVia.Branch);
        _pendingOks[key] = pending;
        timer.Change(interval, Timeout.InfiniteTimeSpan);
    }

    private void Respond(SipServerRequest request, SipMessageBuilder response)
    {
        var built = response.Build();
        SipLog.Answered(_logger, request.Message.Method, request.Remote.EndPoint, built.StatusCode);
        SendResponse(request, built);
    }

    private void TryRespond(SipServerRequest request, SipMessageBuilder response)
    {
        try
        {
            Respond(request, response);
        }
        catch (InvalidOperationException)
        {
            // The TU had already sent its final response.
        }
    }

    /// <summary>A request that failed to parse: re-read it leniently and answer with the rejection's status if it can be addressed (§8.2.6).</summary>
    private void AnswerUnparsed(ReadOnlyMemory<byte> bytes, SipRejectedException rejection, SipRemote remote)
    {
        var lenient = SipParser.ParseForErrorResponse(bytes, Options.MaxMessageSize);
        if (lenient is null || lenient.IsResponse)
        {
            return; // §18.1.2: malformed responses are dropped; unaddressable requests too.
        }
        AnswerStatelessly(lenient, rejection.StatusCode, rejection.Reason.ToString(), remote);
    }

    /// <summary>Copies Via, From, To, Call-ID and CSeq verbatim (they may not parse) into an error response.</summary>
    private void AnswerStatelessly(SipMessage request, int status, string reason, SipRemote remote)
    {
        if (!request.IsRequest || request.Method == SipMethod.Ack)
        {
            return; // ACK is never answered (§17.1.1.3).
        }
        var vias = request.GetHeaderLines(SipHeaderId.Via);
        var from = request.GetHeader(SipHeaderId.From);
        var to = request.GetHeader(SipHeaderId.To);
        var callId = request.GetHeader(SipHeaderId.CallId);
        var cseq = request.GetHeader(SipHeaderId.CSeq);
        if (vias.Count == 0 || cseq is null)
        {
            return; // nowhere to send it, or nothing to match it to.
        }
        try
        {
            var response = SipMessageBuilder.Response(status, reason);
            foreach (var via in vias)
            {
                response.Add(SipHeaderId.Via, via);
            }
            // RFC 4475 §3.3.1: even without From, To or Call-ID, the sender deserves its 400; copy what there is.
            if (from is not null)
            {
                response.Add(SipHeaderId.From, from);
            }
            if (to is not null)
            {
                response.Add(SipHeaderId.To, to);
            }
            if (callId is not null)
            {
                response.Add(SipHeaderId.CallId, callId);
            }
            response.Add(SipHeaderId.CSeq, cseq).Add(SipHeaderId.Server, Options.ServerName);
            Transmit(response.ToBytes(), remote);
            SipLog.Answered(_logger, "(unparsed)", remote.EndPoint, status);
        }
        catch (ArgumentException)
        {
            // A copied value cannot be written back: nothing sensible to send.
        }
    }

    /// <param name="failed">Told when the send fails after this returned (a client transaction's request: §17.1.4).</param>
    private void Transmit(ReadOnlyMemory<byte> bytes, SipRemote remote, Action? failed = null)
    {
        if (SendOverride is { } send)
        {
            send(bytes, remote);
            return;
        }
        _ = TransmitAsync(bytes, remote, failed);
    }

    private async Task TransmitAsync(ReadOnlyMemory<byte> bytes, SipRemote remote, Action? failed)
    {
        try
        {
            if (remote.Protocol == SipTransportProtocol.Tcp && _tcp is not null)
            {
                await _tcp.SendAsync(bytes, remote).ConfigureAwait(false);
            }
            else if (_udp is not null)
            {
                await _udp.SendAsync(bytes, remote.EndPoint).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or InvalidOperationException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            SipLog.SendFailed(_logger, e, remote.EndPoint);
            if (failed is not null)
            {
                // Never on the sender's stack: a connect refused at once fails here before the transaction's Start
                // (which holds its lock) has even set its timers, and the TU must not hear of it mid-send.
                _ = Task.Run(failed);
            }
        }
    }

    private void Guard(SipRemote remote, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever a peer sends must not take the server down.
            SipLog.Failed(_logger, e, remote.EndPoint);
        }
    }

    /// <param name="Branch">The INVITE's top Via branch: a retransmission of it carries the same (§17.2.3).</param>
    private sealed record PendingOk(ITimer Timer, string? Branch);
}
