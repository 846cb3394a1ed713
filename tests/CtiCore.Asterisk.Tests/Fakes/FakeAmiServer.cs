using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace CtiCore.Asterisk.Tests.Fakes;

/// <summary>
/// A scriptable AMI server on a loopback port: it greets, checks Login (plain or MD5), answers Ping, Logoff and the
/// resync lists itself, and hands every other action to <see cref="Handlers"/>. Tests drive events and failures.
/// </summary>
internal sealed class FakeAmiServer : IAsyncDisposable
{
    public const string Username = "cticore";
    public const string Secret = "fake-S3cret-never-logged";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly ConcurrentQueue<FakeAmiSession> _sessions = new();
    private readonly SemaphoreSlim _connected = new(0);

    public FakeAmiServer()
    {
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string Banner { get; set; } = "Asterisk Call Manager/11.0.0\r\n";

    /// <summary>Handlers by action name (case-insensitive); the built-in ones cover Login, Challenge, Ping, Logoff and the lists.</summary>
    public ConcurrentDictionary<string, Func<FakeAmiSession, FakeAmiAction, Task>> Handlers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentQueue<FakeAmiAction> Received { get; } = new();

    /// <summary>Channels CoreShowChannels reports, as "Channel: …\r\nUniqueid: …" field blocks.</summary>
    public ConcurrentQueue<string> Channels { get; } = new();

    public bool AnswerPing { get; set; } = true;

    public IReadOnlyList<FakeAmiSession> Sessions => [.. _sessions];

    public FakeAmiSession? Current => _sessions.LastOrDefault();

    /// <summary>Waits until a client has connected <paramref name="count"/> more times.</summary>
    public async Task WaitForConnectionAsync(CancellationToken cancellationToken) => await _connected.WaitAsync(cancellationToken);

    public void AbortAll()
    {
        foreach (var session in _sessions)
        {
            session.Abort();
        }
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var session = new FakeAmiSession(client);
                _sessions.Enqueue(session);
                _ = ServeAsync(session);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    private async Task ServeAsync(FakeAmiSession session)
    {
        try
        {
            await session.SendAsync(Banner);
            _connected.Release();
            using var reader = new StreamReader(session.Stream, Encoding.UTF8, leaveOpen: true);
            while (await FakeAmiSession.ReadActionAsync(reader, _stop.Token) is { } action)
            {
                Received.Enqueue(action);
                await HandleAsync(session, action);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    private async Task HandleAsync(FakeAmiSession session, FakeAmiAction action)
    {
        if (Handlers.TryGetValue(action.Name, out var handler))
        {
            await handler(session, action);
            return;
        }

        switch (action.Name.ToUpperInvariant())
        {
            case "CHALLENGE":
                session.Challenge = "149457129";
                await session.RespondAsync(action, "Success", $"Challenge: {session.Challenge}");
                return;
            case "LOGIN":
                var ok = action["AuthType"] is { } type && type.Equals("MD5", StringComparison.OrdinalIgnoreCase)
                    ? session.Challenge is not null && action["Key"] == Md5(session.Challenge + Secret)
                    : action["Secret"] == Secret;
                ok &= action["Username"] == Username;
                session.LoggedIn = ok;
                await session.RespondAsync(action, ok ? "Success" : "Error", ok ? "Message: Authentication accepted" : "Message: Authentication failed");
                return;
            case "PING":
                if (AnswerPing)
                {
                    await session.RespondAsync(action, "Success", "Ping: Pong", "Timestamp: 1795448001.464004");
                }

                return;
            case "LOGOFF":
                await session.RespondAsync(action, "Goodbye", "Message: Thanks for all the fish.");
                return;
            case "CORESHOWCHANNELS":
                var channels = Channels.ToList();
                var list = new StringBuilder($"Response: Success\r\nActionID: {action.ActionId}\r\nEventList: start\r\nMessage: Channels will follow\r\n\r\n");
                foreach (var channel in channels)
                {
                    list.Append(System.Globalization.CultureInfo.InvariantCulture, $"Event: CoreShowChannel\r\nActionID: {action.ActionId}\r\n{channel}\r\n\r\n");
                }

                list.Append(System.Globalization.CultureInfo.InvariantCulture, $"Event: CoreShowChannelsComplete\r\nActionID: {action.ActionId}\r\nEventList: Complete\r\nListItems: {channels.Count}\r\n\r\n");
                await session.SendAsync(list.ToString());
                return;
            case "DEVICESTATELIST":
                await session.SendAsync(
                    $"Response: Success\r\nActionID: {action.ActionId}\r\nEventList: start\r\nMessage: Device State Changes will follow\r\n\r\n" +
                    $"Event: DeviceStateChange\r\nActionID: {action.ActionId}\r\nDevice: PJSIP/2001\r\nState: NOT_INUSE\r\n\r\n" +
                    $"Event: DeviceStateListComplete\r\nActionID: {action.ActionId}\r\nEventList: Complete\r\nListItems: 1\r\n\r\n");
                return;
            default:
                await session.RespondAsync(action, "Error", "Message: Invalid/unknown command");
                return;
        }
    }

#pragma warning disable CA5351 // The AMI MD5 challenge, as Asterisk computes it.
    public static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var session in _sessions)
        {
            await session.DisposeAsync();
        }

        await _acceptLoop;
        _stop.Dispose();
        _connected.Dispose();
    }
}
