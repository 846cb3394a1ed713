using System.Net;
using System.Net.Sockets;
using CtiCore.Asterisk.Ami;

namespace CtiCore.Asterisk.Tests;

public sealed class AmiConnectionTests
{
    /// <summary>
    /// Seen against the real Asterisk: Logoff is answered and the socket closed at once, so the client's run loop
    /// disposed the connection while the Logoff sender still held the write lock, and its Release threw.
    /// </summary>
    [Fact]
    public async Task A_sender_holding_the_write_lock_can_release_it_after_the_connection_is_disposed()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(listener.LocalEndPoint!, TestContext.Current.CancellationToken);
        using var peer = await listener.AcceptAsync(TestContext.Current.CancellationToken);
        var connection = new AmiConnection(socket, generation: 1);

        await connection.WriteLock.WaitAsync(TestContext.Current.CancellationToken);
        await connection.DisposeAsync();
        var released = Record.Exception(() => connection.WriteLock.Release());

        Assert.Null(released);
        Assert.True(connection.IsBroken);
    }
}
