using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using CtiCore.Asterisk.Benchmarks.Baselines.AsterNetModel;

namespace CtiCore.Asterisk.Benchmarks.Baselines;

/// <summary>
/// The AsterNET model as a consumer of the replay: the same handler work as the other consumers (event name,
/// Uniqueid, sequence check, latency stamp), reading the typed event object AsterNET would hand to an application.
/// </summary>
internal static class AsterNetModelConsumer
{
    /// <summary>The read size AsterNET picks (TcpClient.ReceiveBufferSize): it bounds how long the re-split buffer grows.</summary>
    public static int ReceiveBufferSize { get; private set; }

    /// <summary>The read size of AsterNET's era on Windows (SO_RCVBUF 8 KB), for the sensitivity row.</summary>
    public const int SmallReadSize = 8 * 1024;

    public static RunResult Run(int port, int total, bool useAsyncEvents, int? readSize = null)
    {
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        using var tcp = new TcpClient("127.0.0.1", port);
        ReceiveBufferSize = tcp.ReceiveBufferSize;
        var connection = new ModelManagerConnection(useAsyncEvents);
        var gate = new object();
        var handled = 0;
        var highest = -1L;
        var reorderings = 0;
        var nameLength = 0L;
        var latencies = new List<double>(total);
        using var done = new ManualResetEventSlim();
        connection.Events += (_, evt) =>
        {
            // In async mode handlers run concurrently on the thread pool; the lock only protects the counters.
            var attributes = evt.Attributes;
            var sequence = attributes is not null && attributes.TryGetValue("ctiseq", out var seq) ? long.Parse(seq, CultureInfo.InvariantCulture) : -1;
            var sent = attributes is not null && attributes.TryGetValue("ctisent", out var ticks) ? long.Parse(ticks, CultureInfo.InvariantCulture) : 0;
            var latency = sent != 0 ? Stopwatch.GetElapsedTime(sent).TotalMicroseconds : -1;
            lock (gate)
            {
                nameLength += evt.GetType().Name.Length + (evt.UniqueId?.Length ?? 0);
                if (sequence < highest || sequence < 0)
                {
                    reorderings++;
                }

                highest = Math.Max(highest, sequence);
                if (latency >= 0)
                {
                    latencies.Add(latency);
                }

                if (++handled == total)
                {
                    done.Set();
                }
            }
        };

        var clock = Stopwatch.StartNew();
        var (reader, thread) = connection.Start(tcp, readSize);
        while (!done.Wait(TimeSpan.FromSeconds(1)))
        {
            if (reader.Disconnected && !thread.IsAlive)
            {
                break;
            }
        }

        clock.Stop();
        reader.Stop();
        thread.Join();
        GC.KeepAlive(nameLength);
        lock (gate)
        {
            return new RunResult(handled, clock.Elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, reorderings, [.. latencies]);
        }
    }
}
