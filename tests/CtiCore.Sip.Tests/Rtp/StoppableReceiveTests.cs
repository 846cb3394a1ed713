using System.Net;
using System.Net.Sockets;
using CtiCore.Sip.Rtp;

namespace CtiCore.Sip.Tests.Rtp;

/// <summary>
/// The relay's receive await on real loopback sockets: a datagram gives its length, a receive aborted by the stop
/// token gives <see cref="StoppableReceive.Stopped"/> without throwing, and a receive that fails for another reason
/// still throws.
/// </summary>
public sealed class StoppableReceiveTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_received_datagram_gives_its_length_and_source()
    {
        using var socket = Bound();
        using var peer = Bound();
        var from = new SocketAddress(AddressFamily.InterNetwork);
        var buffer = new byte[64];
        using var stop = new CancellationTokenSource();

        var receive = new StoppableReceive(socket.ReceiveFromAsync(buffer, SocketFlags.None, from, stop.Token), stop.Token);
        await peer.SendToAsync(new byte[] { 1, 2, 3 }, socket.LocalEndPoint!, Ct);

        Assert.Equal(3, await receive);
        Assert.Equal(peer.LocalEndPoint, socket.LocalEndPoint!.Create(from));
    }

    [Fact]
    public async Task A_pending_receive_aborted_by_the_stop_token_gives_stopped()
    {
        using var socket = Bound();
        using var stop = new CancellationTokenSource();

        var receive = new StoppableReceive(socket.ReceiveFromAsync(new byte[64], SocketFlags.None, new SocketAddress(AddressFamily.InterNetwork), stop.Token), stop.Token);
        Assert.False(receive.IsCompleted);
        await stop.CancelAsync();

        Assert.Equal(StoppableReceive.Stopped, await receive);
    }

    [Fact]
    public async Task A_receive_that_fails_without_the_stop_token_still_throws()
    {
        var socket = Bound();
        using var stop = new CancellationTokenSource();

        var receive = new StoppableReceive(socket.ReceiveFromAsync(new byte[64], SocketFlags.None, new SocketAddress(AddressFamily.InterNetwork), stop.Token), stop.Token);
        socket.Dispose();

        var failure = await Record.ExceptionAsync(async () => await receive);
        Assert.True(failure is SocketException or ObjectDisposedException, $"unexpected {failure?.GetType()}");
    }

    private static Socket Bound()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }
}
