using System.Net;
using System.Net.Sockets;
using CtiCore.Sip.Rtp;

namespace CtiCore.Sip.Tests.Rtp;

/// <summary>A phone's media side in tests: a real UDP socket pair (RTP and RTCP) on a loopback address.</summary>
internal sealed class RtpPeer : IDisposable
{
    private static readonly TimeSpan ReceiveBound = TimeSpan.FromSeconds(10);
    private ushort _sequence;
    private uint _timestamp;

    public RtpPeer(string address = "127.0.0.1")
    {
        var ip = IPAddress.Parse(address);
        Rtp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        Rtp.Bind(new IPEndPoint(ip, 0));
        Rtcp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        Rtcp.Bind(new IPEndPoint(ip, 0));
    }

    public Socket Rtp { get; }

    public Socket Rtcp { get; }

    public IPEndPoint RtpEndPoint => (IPEndPoint)Rtp.LocalEndPoint!;

    public IPEndPoint RtcpEndPoint => (IPEndPoint)Rtcp.LocalEndPoint!;

    public uint Ssrc { get; init; } = 0x1234_5678;

    public static byte[] Packet(byte payloadType, ushort sequence, uint timestamp, uint ssrc, ReadOnlySpan<byte> payload)
    {
        var packet = new byte[RtpHeader.FixedLength + payload.Length];
        RtpHeader.Write(packet, payloadType, sequence, timestamp, ssrc);
        payload.CopyTo(packet.AsSpan(RtpHeader.FixedLength));
        return packet;
    }

    /// <summary>Sends one 20 ms G.711 packet (160 samples) and returns its bytes.</summary>
    public byte[] SendAudio(IPEndPoint to, ReadOnlySpan<byte> payload, byte payloadType = 0)
    {
        var packet = Packet(payloadType, _sequence++, _timestamp, Ssrc, payload);
        _timestamp += (uint)payload.Length;
        Rtp.SendTo(packet, to);
        return packet;
    }

    public void SendRaw(IPEndPoint to, byte[] datagram) => Rtp.SendTo(datagram, to);

    public static async Task<(byte[] Data, IPEndPoint From)> ReceiveAsync(Socket socket)
    {
        using var bound = new CancellationTokenSource(ReceiveBound);
        var buffer = new byte[2048];
        var result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), bound.Token);
        return (buffer[..result.ReceivedBytes], (IPEndPoint)result.RemoteEndPoint);
    }

    public Task<(byte[] Data, IPEndPoint From)> ReceiveRtpAsync() => ReceiveAsync(Rtp);

    public void Dispose()
    {
        Rtp.Dispose();
        Rtcp.Dispose();
    }
}
