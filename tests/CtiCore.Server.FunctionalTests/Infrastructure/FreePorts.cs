using System.Net;
using System.Net.Sockets;

namespace CtiCore.Server.FunctionalTests.Infrastructure;

/// <summary>
/// Ports for the test servers and silos, from this project's own range (42000-44999) so parallel test projects on the
/// same machine do not race for the same ones; each candidate is probed by binding it first.
/// </summary>
internal static class FreePorts
{
    private const int First = 42000;
    private const int Count = 3000;
    private static int _next = First + (Environment.ProcessId % 100) * 30;

    public static int Next()
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var port = First + (Interlocked.Increment(ref _next) - First) % Count;
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No free port in 42000-44999.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
