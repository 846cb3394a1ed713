using System.Net;
using System.Net.Sockets;

namespace CtiCore.Sip.Rtp;

/// <summary>
/// Hands out even/odd UDP port pairs (RFC 3550 §11: RTP on an even port, RTCP on the next) from a range, bound on
/// the spot so a port another program holds is skipped. The cursor moves round the range, so a port just released is
/// reused last and late packets of an ended call do not reach the next one.
/// </summary>
internal sealed class RtpPortAllocator
{
    private readonly IPAddress _address;
    private readonly int _first;
    private readonly int _pairs;
    private readonly HashSet<int> _inUse = [];
    private readonly Lock _lock = new();
    private int _cursor;

    public RtpPortAllocator(IPAddress address, int rangeStart, int rangeEnd)
    {
        _address = address;
        _first = rangeStart + (rangeStart & 1);
        _pairs = Math.Max(0, (rangeEnd - _first + 1) / 2);
    }

    public int InUse
    {
        get
        {
            lock (_lock)
            {
                return _inUse.Count;
            }
        }
    }

    public bool TryBind(out Socket? rtp, out Socket? rtcp)
    {
        lock (_lock)
        {
            for (var tried = 0; tried < _pairs; tried++)
            {
                var port = _first + (2 * _cursor);
                _cursor = (_cursor + 1) % _pairs;
                if (_inUse.Contains(port))
                {
                    continue;
                }

                rtp = TryBindOne(port);
                rtcp = rtp is null ? null : TryBindOne(port + 1);
                if (rtp is not null && rtcp is not null)
                {
                    _inUse.Add(port);
                    return true;
                }

                rtp?.Dispose();
            }
        }

        rtp = null;
        rtcp = null;
        return false;
    }

    public void Release(int rtpPort)
    {
        lock (_lock)
        {
            _inUse.Remove(rtpPort);
        }
    }

    private Socket? TryBindOne(int port)
    {
        var socket = new Socket(_address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(_address, port));
            return socket;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }
}
