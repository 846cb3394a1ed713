using System.Net;
using System.Net.Sockets;

namespace CtiCore.Sip.Benchmarks.Rtp;

/// <summary>
/// The baseline: the relay one writes first with <see cref="UdpClient"/>. Every packet allocates its byte[] and its
/// IPEndPoint (UdpReceiveResult), and is sent back out with SendAsync. No validation, one direction only.
/// </summary>
internal sealed class NaiveUdpRelay : IDisposable
{
    private readonly UdpClient _in = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly UdpClient _out = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public NaiveUdpRelay(IPEndPoint destination)
    {
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    var packet = await _in.ReceiveAsync(_stop.Token);
                    await _out.SendAsync(packet.Buffer, packet.Buffer.Length, destination);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (SocketException)
                {
                }
            }
        });
    }

    public IPEndPoint Entry => (IPEndPoint)_in.Client.LocalEndPoint!;

    public void Dispose()
    {
        _stop.Cancel();
        _in.Dispose();
        _out.Dispose();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
