using System.Buffers;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using CtiCore.Asterisk.Protocol;
using CtiCore.Asterisk.Protocol.Actions;
using CtiCore.Asterisk.Protocol.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CtiCore.Asterisk.Ami;

/// <summary>
/// Asterisk Manager Interface client. One socket read loop (System.IO.Pipelines) frames packets with
/// <see cref="AmiScanner"/>; responses complete the action with the same ActionID; events go, in wire order, into one
/// bounded channel (<see cref="Events"/>). A slow consumer never blocks the reader: when the channel is full the new
/// event is dropped, counted and logged, and once there is room a resync snapshot is taken (overflow policy). The
/// client keeps the link alive with Ping, reconnects with exponential backoff, and after every login asks Asterisk
/// for its current state (CoreShowChannels + DeviceStateList) because AMI has no event replay.
/// </summary>
public sealed class AmiClient : IAsyncDisposable
{
    private static readonly TimeSpan LogoffTimeout = TimeSpan.FromSeconds(1);

    private readonly AmiOptions _options;
    private readonly ILogger<AmiClient> _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Channel<AmiPacket> _events;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _firstLogin = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _resyncLock = new(1, 1);
    private AmiConnection? _connection;
    private Task? _runTask;
    private long _nextActionId;
    private long _droppedEvents;
    private long _droppedInEpisode;
    private long _logins;
    private long _resyncs;
    private int _generation;
    private int _state = (int)AmiConnectionState.Disconnected;

    public AmiClient(IOptions<AmiOptions> options, ILogger<AmiClient> logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options.Value;
        var validation = new AmiOptionsValidator().Validate(null, _options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(nameof(AmiOptions), typeof(AmiOptions), validation.Failures);
        }

        _logger = logger;
        _timeProvider = timeProvider;
        // Wait mode makes TryWrite fail when full instead of blocking: the reader drops and counts (see class remarks).
        _events = Channel.CreateBounded<AmiPacket>(new BoundedChannelOptions(_options.EventQueueCapacity)
        {
            SingleWriter = true,
            SingleReader = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Every event, in the order Asterisk sent it, across reconnects. Responses and list items are not in it.</summary>
    public ChannelReader<AmiPacket> Events => _events.Reader;

    public AmiConnectionState State => (AmiConnectionState)Volatile.Read(ref _state);

    /// <summary>Events dropped because the consumer fell <see cref="AmiOptions.EventQueueCapacity"/> events behind.</summary>
    public long DroppedEvents => Interlocked.Read(ref _droppedEvents);

    /// <summary>Successful logins since start (1 + reconnects).</summary>
    public long Logins => Interlocked.Read(ref _logins);

    /// <summary>Completed resync snapshots.</summary>
    public long Resyncs => Interlocked.Read(ref _resyncs);

    /// <summary>The greeting of the current connection, e.g. "Asterisk Call Manager/11.0.0".</summary>
    public string? Banner { get; private set; }

    /// <summary>
    /// Called with Asterisk's current state after each login and after an overflow, before later snapshots. Events
    /// keep flowing meanwhile; a consumer merges the snapshot with what it has seen.
    /// </summary>
    public Func<AmiResyncSnapshot, CancellationToken, ValueTask>? ResyncHandler { get; set; }

    /// <summary>The last snapshot taken.</summary>
    public AmiResyncSnapshot? LastResync { get; private set; }

    /// <summary>
    /// Connects and logs in, then keeps the connection up in the background. Completes after the first login; a refused
    /// login fails it (<see cref="AmiErrorReason.LoginFailed"/>), an unreachable Asterisk is retried until
    /// <paramref name="cancellationToken"/> ends the wait (the client keeps retrying until disposed).
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(State == AmiConnectionState.Disposed, this);
        _runTask ??= Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        await _firstLogin.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Sends one action and returns its response (which may be "Response: Error": see <see cref="AmiPacket.IsSuccess"/>).</summary>
    public async Task<AmiPacket> SendAsync(AmiAction action, CancellationToken cancellationToken = default)
    {
        var pending = await SendOnAsync(CurrentConnection(), action, AmiPendingKind.Single, _options.ActionTimeout, cancellationToken);
        return pending.Response!;
    }

    /// <summary>Sends a list action and collects its events up to the "…Complete" one.</summary>
    public async Task<AmiListResult> SendListAsync(AmiAction action, CancellationToken cancellationToken = default)
        => await SendListOnAsync(CurrentConnection(), action, cancellationToken);

    /// <summary>
    /// Originates asynchronously and returns the OriginateResponse event (its Response says Success or Failure). An
    /// error response to the action itself throws <see cref="AmiErrorReason.ActionFailed"/>.
    /// </summary>
    public async Task<OriginateResponseEvent> OriginateAsync(OriginateAction action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!string.Equals(action.Async, "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("CtiCore originates asynchronously: leave Async = \"true\".", nameof(action));
        }

        // Asterisk answers only once the called channel answers or gives up (Timeout ms, default 30 s).
        var ringTime = int.TryParse(action.Timeout, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? TimeSpan.FromMilliseconds(ms)
            : TimeSpan.FromSeconds(30);
        var pending = await SendOnAsync(CurrentConnection(), action, AmiPendingKind.Originate, _options.ActionTimeout + ringTime, cancellationToken);
        var final = pending.Completion.Task.Result;
        if (final.Kind == AmiPacketKind.Response)
        {
            throw new AmiException(AmiErrorReason.ActionFailed, $"Originate refused: {final["Message"]}");
        }

        return new OriginateResponseEvent(final);
    }

    public Task<AmiPacket> PingAsync(CancellationToken cancellationToken = default) => SendAsync(new PingAction(), cancellationToken);

    /// <summary>Runs a CLI command (needs write=command) and returns its output lines.</summary>
    public async Task<IReadOnlyList<string>> CommandAsync(string command, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(new CommandAction { Command = command }, cancellationToken);
        if (!response.IsSuccess)
        {
            throw new AmiException(AmiErrorReason.ActionFailed, $"Command refused: {response["Message"]}");
        }

        return response.OutputLines;
    }

    /// <summary>Test hook: breaks the current connection as a network failure would.</summary>
    internal void BreakConnection(AmiException reason) => _connection?.Break(reason);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _state, (int)AmiConnectionState.Disposed) == (int)AmiConnectionState.Disposed)
        {
            return;
        }

        var connection = _connection;
        if (connection is not null && !connection.IsBroken)
        {
            try
            {
                using var logoff = new CancellationTokenSource(LogoffTimeout, _timeProvider);
                await SendOnAsync(connection, new LogoffAction(), AmiPendingKind.Single, LogoffTimeout, logoff.Token);
            }
            catch (Exception e) when (e is AmiException or OperationCanceledException)
            {
                // Asterisk may already be gone; closing the socket is enough.
            }
        }

        await _stopping.CancelAsync();
        connection?.Break(new AmiException(AmiErrorReason.NotConnected, "AMI client disposed"));
        if (_runTask is not null)
        {
            await _runTask.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _firstLogin.TrySetException(new AmiException(AmiErrorReason.NotConnected, "AMI client disposed before it logged in"));
        _events.Writer.TryComplete();
        _stopping.Dispose();
        _resyncLock.Dispose();
    }

    private AmiConnection CurrentConnection()
    {
        ObjectDisposedException.ThrowIf(State == AmiConnectionState.Disposed, this);
        var connection = _connection;
        if (connection is null || connection.IsBroken || State != AmiConnectionState.Connected)
        {
            throw new AmiException(AmiErrorReason.NotConnected, "AMI is not connected (reconnecting)");
        }

        return connection;
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var attempt = 0;
        var everLoggedIn = false;
        while (!stopping.IsCancellationRequested)
        {
            AmiConnection? connection = null;
            try
            {
                SetState(AmiConnectionState.Connecting);
                connection = await ConnectAsync(stopping);
                attempt = 0;
                _connection = connection;
                SetState(AmiConnectionState.Connected);
                Interlocked.Increment(ref _logins);
                var reason = everLoggedIn ? AmiResyncReason.Reconnected : AmiResyncReason.Connected;
                everLoggedIn = true;
                _firstLogin.TrySetResult();
                _ = ResyncAsync(connection, reason);
                await KeepAliveAsync(connection, stopping);
                await connection.ReaderTask;
            }
            catch (AmiException e) when (e.Reason == AmiErrorReason.LoginFailed && !everLoggedIn)
            {
                // Wrong credentials do not heal by retrying: fail StartAsync and stop.
                _firstLogin.TrySetException(e);
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
            catch (Exception e) when (e is AmiException or SocketException or IOException or OperationCanceledException)
            {
                AmiLog.ConnectFailed(_logger, attempt + 1, e);
            }
            finally
            {
                if (connection is not null)
                {
                    await CloseAsync(connection, new AmiException(AmiErrorReason.ConnectionLost, "AMI connection closed"));
                }

                if (ReferenceEquals(_connection, connection))
                {
                    _connection = null;
                }

                if (State != AmiConnectionState.Disposed)
                {
                    SetState(AmiConnectionState.Disconnected);
                }
            }

            if (stopping.IsCancellationRequested)
            {
                break;
            }

            attempt++;
            var delay = Backoff(attempt);
            AmiLog.Reconnecting(_logger, delay, attempt);
            try
            {
                await Task.Delay(delay, _timeProvider, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        // Exponential from ReconnectMinDelay, capped, with ±20 % jitter so many CtiCore nodes don't reconnect in step.
        var exponent = Math.Min(attempt - 1, 20);
        var ticks = Math.Min(_options.ReconnectMaxDelay.Ticks, _options.ReconnectMinDelay.Ticks * (1L << exponent));
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        return TimeSpan.FromTicks(Math.Min(_options.ReconnectMaxDelay.Ticks, (long)(ticks * jitter)));
    }

    private async Task<AmiConnection> ConnectAsync(CancellationToken stopping)
    {
        AmiLog.Connecting(_logger, _options.Host, _options.Port);
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stopping);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(_options.Host, _options.Port, linked.Token);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var connection = new AmiConnection(socket, Interlocked.Increment(ref _generation));
        connection.ReaderTask = Task.Run(() => ReadLoopAsync(connection), CancellationToken.None);
        try
        {
            var banner = await connection.Banner.Task.WaitAsync(linked.Token);
            Banner = banner;
            await LoginAsync(connection, linked.Token);
            AmiLog.LoggedIn(_logger, banner, _options.Username, _options.LoginMode);
            return connection;
        }
        catch
        {
            await CloseAsync(connection, new AmiException(AmiErrorReason.ConnectionLost, "AMI connect or login failed"));
            throw;
        }
    }

    private async Task LoginAsync(AmiConnection connection, CancellationToken cancellationToken)
    {
        LoginAction login;
        if (_options.LoginMode == AmiLoginMode.Md5Challenge)
        {
            var challenge = (await SendOnAsync(connection, new ChallengeAction { AuthType = "MD5" }, AmiPendingKind.Single,
                _options.ActionTimeout, cancellationToken)).Response!;
            var nonce = challenge["Challenge"];
            if (!challenge.IsSuccess || string.IsNullOrEmpty(nonce))
            {
                throw new AmiException(AmiErrorReason.LoginFailed, $"MD5 challenge refused: {challenge["Message"]}");
            }

            login = new LoginAction { Username = _options.Username, AuthType = "MD5", Key = Md5Key(nonce, _options.Secret), Events = _options.EventMask };
        }
        else
        {
            login = new LoginAction { Username = _options.Username, Secret = _options.Secret, Events = _options.EventMask };
        }

        var response = (await SendOnAsync(connection, login, AmiPendingKind.Single, _options.ActionTimeout, cancellationToken)).Response!;
        if (!response.IsSuccess)
        {
            AmiLog.LoginRefused(_logger, _options.Username, response["Message"]);
            throw new AmiException(AmiErrorReason.LoginFailed, $"AMI login refused for {_options.Username}: {response["Message"]}");
        }
    }

    /// <summary>manager.c action_login with AuthType MD5: Key = hex(md5(challenge + secret)).</summary>
#pragma warning disable CA5351 // MD5 is what the AMI challenge protocol specifies; it only avoids sending the secret in clear.
    internal static string Md5Key(string challenge, string secret)
        => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(challenge + secret)));
#pragma warning restore CA5351

    private async Task KeepAliveAsync(AmiConnection connection, CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(connection.Closed, stopping);
        while (!linked.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.PingInterval, _timeProvider, linked.Token);
                await SendOnAsync(connection, new PingAction(), AmiPendingKind.Single, _options.ActionTimeout, linked.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (AmiException e)
            {
                if (!connection.IsBroken)
                {
                    AmiLog.PingFailed(_logger, e);
                    Break(connection, new AmiException(AmiErrorReason.Timeout, "AMI keepalive Ping got no answer", e));
                }

                return;
            }
        }
    }

    private async Task ResyncAsync(AmiConnection connection, AmiResyncReason reason)
    {
        try
        {
            await _resyncLock.WaitAsync(connection.Closed);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            return;
        }

        try
        {
            var channels = await SendListOnAsync(connection, new CoreShowChannelsAction(), connection.Closed);
            var devices = await SendListOnAsync(connection, new DeviceStateListAction(), connection.Closed);
            var snapshot = new AmiResyncSnapshot(reason, _timeProvider.GetUtcNow(), channels.Items, devices.Items);
            LastResync = snapshot;
            AmiLog.Resynchronized(_logger, reason, channels.Items.Count, devices.Items.Count);
            if (ResyncHandler is { } handler)
            {
                await handler(snapshot, connection.Closed);
            }

            Interlocked.Increment(ref _resyncs);
        }
        catch (Exception e)
        {
            // A failed resync is retried by the next reconnect; never let it take the client down.
            AmiLog.ResyncFailed(_logger, reason, e);
        }
        finally
        {
            try
            {
                _resyncLock.Release();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private async Task<AmiListResult> SendListOnAsync(AmiConnection connection, AmiAction action, CancellationToken cancellationToken)
    {
        var pending = await SendOnAsync(connection, action, AmiPendingKind.List, _options.ActionTimeout, cancellationToken);
        var final = pending.Completion.Task.Result;
        return new AmiListResult(pending.Response!, pending.Items, final.Kind == AmiPacketKind.Event ? final : null);
    }

    private async Task<AmiPendingAction> SendOnAsync(
        AmiConnection connection, AmiAction action, AmiPendingKind kind, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var actionId = "cti-" + Interlocked.Increment(ref _nextActionId).ToString(CultureInfo.InvariantCulture);
        var pending = new AmiPendingAction(actionId, action.Name, kind);
        connection.Pending[actionId] = pending;

        using var timeoutSource = new CancellationTokenSource(timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeoutSource.Token, cancellationToken, connection.Closed);
        await using var registration = linked.Token.Register(() =>
        {
            if (!connection.Pending.TryRemove(actionId, out _))
            {
                return;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                pending.Completion.TrySetCanceled(cancellationToken);
            }
            else if (timeoutSource.IsCancellationRequested)
            {
                AmiLog.ActionTimedOut(_logger, action.Name, actionId, timeout);
                pending.Completion.TrySetException(new AmiException(AmiErrorReason.Timeout,
                    $"AMI action {action.Name} ({actionId}) got no answer within {timeout}"));
            }
            else
            {
                pending.Completion.TrySetException(connection.BreakReason
                    ?? new AmiException(AmiErrorReason.ConnectionLost, "AMI connection lost"));
            }
        });

        try
        {
            await connection.WriteLock.WaitAsync(linked.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // The registration above has completed the pending action with the right reason.
            await pending.Completion.Task;
            throw;
        }

        try
        {
            // The writer checks every field before it writes a byte: a refused action leaves the stream untouched.
            AmiActionWriter.Write(connection.Writer, action, actionId);
            var flush = await connection.Writer.FlushAsync(linked.Token);
            if (flush.IsCompleted)
            {
                throw new AmiException(AmiErrorReason.ConnectionLost, "AMI connection closed while sending");
            }
        }
        catch (AmiException e) when (e.Reason == AmiErrorReason.InvalidActionValue)
        {
            connection.Pending.TryRemove(actionId, out _);
            throw;
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidOperationException)
        {
            Break(connection, new AmiException(AmiErrorReason.ConnectionLost, "AMI write failed", e));
        }
        catch (OperationCanceledException)
        {
            // Completed by the registration.
        }
        finally
        {
            connection.WriteLock.Release();
        }

        await pending.Completion.Task;
        return pending;
    }

    private async Task ReadLoopAsync(AmiConnection connection)
    {
        var state = new AmiScannerState(_options.MaxPacketBytes, expectBanner: true);
        var reader = connection.Reader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(connection.Closed);
                var buffer = result.Buffer;
                while (true)
                {
                    var status = AmiScanner.TryRead(ref state, buffer, out var consumed, out var packet);
                    if (status == OperationStatus.Done)
                    {
                        Dispatch(connection, packet!);
                        buffer = buffer.Slice(consumed);
                        continue;
                    }

                    if (status == OperationStatus.InvalidData)
                    {
                        AmiLog.ProtocolError(_logger, state.Error!.Reason, state.Error.Message);
                        Break(connection, state.Error);
                        return;
                    }

                    break;
                }

                // Everything left was examined; the scanner resumes from its end when more bytes arrive.
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    Break(connection, buffer.IsEmpty
                        ? new AmiException(AmiErrorReason.ConnectionLost, "Asterisk closed the AMI connection")
                        : new AmiException(AmiErrorReason.IncompletePacket, $"Asterisk closed the AMI connection in the middle of a packet ({buffer.Length} bytes)"));
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (connection.IsBroken)
        {
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            Break(connection, new AmiException(AmiErrorReason.ConnectionLost, "AMI connection lost", e));
        }
    }

    private void Dispatch(AmiConnection connection, AmiPacket packet)
    {
        switch (packet.Kind)
        {
            case AmiPacketKind.Banner:
                connection.Banner.TrySetResult(packet.Banner!);
                return;
            case AmiPacketKind.Response:
                DispatchResponse(connection, packet);
                return;
            default:
                if (DispatchCorrelatedEvent(connection, packet))
                {
                    return;
                }

                Publish(connection, packet);
                return;
        }
    }

    private void DispatchResponse(AmiConnection connection, AmiPacket response)
    {
        var actionId = response.ActionId;
        if (actionId is null || !connection.Pending.TryGetValue(actionId, out var pending))
        {
            AmiLog.UnmatchedResponse(_logger, actionId);
            return;
        }

        pending.Response = response;
        var waitsForMore = response.IsSuccess && pending.Kind switch
        {
            AmiPendingKind.List => response.ValueEquals("EventList"u8, "start"u8),
            AmiPendingKind.Originate => true,
            _ => false,
        };
        if (!waitsForMore && connection.Pending.TryRemove(actionId, out _))
        {
            pending.Completion.TrySetResult(response);
        }
    }

    /// <summary>List items and OriginateResponse belong to their action; returns true when the event must not be published.</summary>
    private static bool DispatchCorrelatedEvent(AmiConnection connection, AmiPacket packet)
    {
        if (!packet.TryGetValueBytes("ActionID"u8, out _))
        {
            return false;
        }

        var actionId = packet.ActionId!;
        if (!connection.Pending.TryGetValue(actionId, out var pending))
        {
            return false;
        }

        if (pending.Kind == AmiPendingKind.List)
        {
            if (packet.ValueEquals("EventList"u8, "Complete"u8))
            {
                if (connection.Pending.TryRemove(actionId, out _))
                {
                    pending.Completion.TrySetResult(packet);
                }
            }
            else
            {
                pending.Items.Add(packet);
            }

            return true;
        }

        if (pending.Kind == AmiPendingKind.Originate && OriginateResponseEvent.Is(packet) && connection.Pending.TryRemove(actionId, out _))
        {
            pending.Completion.TrySetResult(packet);
        }

        // OriginateResponse is also a call event that other consumers track.
        return false;
    }

    private void Publish(AmiConnection connection, AmiPacket packet)
    {
        if (_events.Writer.TryWrite(packet))
        {
            var dropped = Interlocked.Exchange(ref _droppedInEpisode, 0);
            if (dropped > 0)
            {
                AmiLog.EventsFlowingAgain(_logger, dropped);
                _ = ResyncAsync(connection, AmiResyncReason.EventsDropped);
            }

            return;
        }

        var total = Interlocked.Increment(ref _droppedEvents);
        if (Interlocked.Increment(ref _droppedInEpisode) == 1)
        {
            // Logged once per overflow episode, not once per event: a flood of log lines would make it worse.
            AmiLog.EventsDropped(_logger, total);
        }
    }

    private void Break(AmiConnection connection, AmiException reason)
    {
        var failed = connection.Break(reason);
        if (failed >= 0)
        {
            AmiLog.ConnectionLost(_logger, reason.Reason, failed, reason.InnerException);
        }
    }

    private async Task CloseAsync(AmiConnection connection, AmiException reason)
    {
        Break(connection, reason);
        await connection.ReaderTask.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await connection.DisposeAsync();
    }

    private void SetState(AmiConnectionState state)
    {
        // Disposed is final.
        var current = Volatile.Read(ref _state);
        while (current != (int)AmiConnectionState.Disposed)
        {
            var seen = Interlocked.CompareExchange(ref _state, (int)state, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
