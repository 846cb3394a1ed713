using System.Net;
using System.Net.Sockets;
using System.Text;
using CtiCore.Sip.Endpoint;
using CtiCore.Sip.Messages;
using CtiCore.Sip.Tests.Support;

namespace CtiCore.Sip.Tests.Integration;

/// <summary>The endpoint on real sockets facing bad peers: it answers 400 where it can, breaks bad streams, and keeps serving.</summary>
public sealed class SipSocketRobustnessTests : IAsyncLifetime
{
    private readonly RecordingLogger<SipEndpoint> _logger = new();
    private SipEndpoint _endpoint = null!;

    public async ValueTask InitializeAsync()
    {
        _endpoint = new SipEndpoint(new SipEndpointOptions { Port = 0, MaxMessageSize = 2048, RateLimitPerSecond = 1, RateLimitBurst = 20 }, new AnsweringHandler(), passwordFor: null, TimeProvider.System, _logger);
        await _endpoint.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await _endpoint.DisposeAsync();

    private static string Options(string branch, string extra = "") =>
        $"OPTIONS sip:uas@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch={branch}\r\nMax-Forwards: 70\r\nTo: <sip:uas@127.0.0.1>\r\n" +
        $"From: <sip:a@127.0.0.1>;tag=1\r\nCall-ID: {branch}\r\nCSeq: 1 OPTIONS\r\n{extra}Content-Length: 0\r\n\r\n";

    private static async Task<SipMessage?> ExchangeUdpAsync(Socket socket, IPEndPoint to, string text)
    {
        await socket.SendToAsync(Encoding.UTF8.GetBytes(text), to);
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            var received = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            // Read leniently: a 400 copies the very CSeq that was wrong (§8.2.6.2).
            return SipParser.ParseForErrorResponse(buffer.AsMemory(0, received).ToArray());
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    [Fact]
    public async Task Udp_malformed_request_gets_400_and_the_next_one_200()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var target = _endpoint.UdpEndPoint!;
        var bad = await ExchangeUdpAsync(socket, target, Options("z9hG4bKbad1").Replace("CSeq: 1 OPTIONS", "CSeq: 99999999999 OPTIONS", StringComparison.Ordinal));
        Assert.Equal(400, bad!.StatusCode);
        var good = await ExchangeUdpAsync(socket, target, Options("z9hG4bKgood1"));
        Assert.Equal(200, good!.StatusCode);
        Assert.DoesNotContain(_logger.Entries, e => e.Id.Id == 4003);
    }

    [Fact]
    public async Task Tcp_stream_with_an_oversized_message_is_broken_and_others_still_served()
    {
        using var bad = new TcpClient();
        await bad.ConnectAsync(_endpoint.TcpEndPoint!, TestContext.Current.CancellationToken);
        var stream = bad.GetStream();
        var huge = Options("z9hG4bKhuge", "Content-Length: 1000000\r\n").Replace("Content-Length: 0\r\n\r\n", "\r\n", StringComparison.Ordinal);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(huge), TestContext.Current.CancellationToken);
        var buffer = new byte[1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var read = await stream.ReadAsync(buffer, timeout.Token); // 0 = the server closed the connection
        Assert.Equal(0, read);

        using var good = new TcpClient();
        await good.ConnectAsync(_endpoint.TcpEndPoint!, TestContext.Current.CancellationToken);
        var goodStream = good.GetStream();
        await goodStream.WriteAsync(Encoding.ASCII.GetBytes(Options("z9hG4bKtcp1").Replace("SIP/2.0/UDP", "SIP/2.0/TCP", StringComparison.Ordinal)), TestContext.Current.CancellationToken);
        var count = await goodStream.ReadAsync(buffer, timeout.Token);
        var response = SipParser.Parse(buffer.AsMemory(0, count).ToArray(), SipTransportFraming.Stream);
        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public async Task A_flooding_source_is_cut_off_by_the_rate_limit()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var target = _endpoint.UdpEndPoint!;
        // Burst 20, 1/s: of 60 requests sent at once only about the burst are answered, far from all 60.
        for (var i = 0; i < 60; i++)
        {
            await socket.SendToAsync(Encoding.ASCII.GetBytes(Options($"z9hG4bKflood{i}")), target);
        }
        var answered = 0;
        var buffer = new byte[4096];
        while (true)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                answered++;
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        Assert.InRange(answered, 20, 30); // the burst, plus what 1/s refills while a loaded machine works through them
    }
}
