using System.Net;
using Microsoft.AspNetCore.Connections;

namespace CtiCore.Telephony.Agi;

/// <summary>Kestrel entry point for FastAGI (ListenOptions.UseConnectionHandler&lt;AgiConnectionHandler&gt;()).</summary>
public sealed class AgiConnectionHandler(AgiSession session) : ConnectionHandler
{
    public override Task OnConnectedAsync(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var peer = (connection.RemoteEndPoint as IPEndPoint)?.Address;
        return session.RunAsync(connection.Transport, peer, connection.ConnectionClosed);
    }
}
