using System.Net;
using System.Net.Sockets;
using CtiCore.Sip.Rtp;

namespace CtiCore.Sip.Benchmarks.Rtp;

/// <summary>
/// The caller and the agent around a relay under test: sends a burst of 20 ms PCMA packets into the relay and reads
/// them back out, without allocating, so whatever the measurement sees allocated is the relay's.
/// </summary>
internal sealed class RelayLoad : IDisposable
{
    private readonly byte[] _packet = new byte[RtpHeader.FixedLength + 160];
    private readonly byte[] _receive = new byte[2048];
    private SocketAddress? _entry;
    private readonly SocketAddress _from;
    private ushort _sequence;

    public RelayLoad()
    {
        Sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        Sender.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Sink = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 1000 };
        Sink.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _from = new SocketAddress(AddressFamily.InterNetwork);
    }

    public Socket Sender { get; }

    public Socket Sink { get; }

    public IPEndPoint SenderEndPoint => (IPEndPoint)Sender.LocalEndPoint!;

    public IPEndPoint SinkEndPoint => (IPEndPoint)Sink.LocalEndPoint!;

    public long Lost { get; private set; }

    /// <summary>Where the burst goes in: the relay's caller-leg port.</summary>
    public void SendTo(IPEndPoint entry) => _entry = entry.Serialize();

    /// <summary>Sends <paramref name="burst"/> packets, then reads as many back (a lost one costs the 1 s receive timeout and is counted).</summary>
    public void Run(int burst)
    {
        for (var i = 0; i < burst; i++)
        {
            RtpHeader.Write(_packet, 8, _sequence, (uint)_sequence * 160, 0x5EED);
            _sequence++;
            Sender.SendTo(_packet, SocketFlags.None, _entry!);
        }

        for (var i = 0; i < burst; i++)
        {
            try
            {
                Sink.ReceiveFrom(_receive, SocketFlags.None, _from);
            }
            catch (SocketException)
            {
                Lost++;
            }
        }
    }

    public void Dispose()
    {
        Sender.Dispose();
        Sink.Dispose();
    }
}
