using System.Diagnostics;
using System.Globalization;
using CtiCore.Sip.Rtp;

namespace CtiCore.Sip.Benchmarks.Rtp;

/// <summary>
/// Packets relayed per CPU-second (the "per core" figure), for the naive relay and the anchored relay in the same run:
/// <c>dotnet run -c Release -- --rtp-cpu [seconds]</c>. CPU time is the whole process's (load generator included), so
/// both figures carry the same overhead and their ratio is the comparison; allocations are counted process-wide too.
/// </summary>
internal static class RtpRelayCpuRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        Console.WriteLine("relay        packets  lost  cpu-s   packets/cpu-s  wall packets/s  bytes alloc/packet");

        using (var load = new RelayLoad())
        using (var naive = new NaiveUdpRelay(load.SinkEndPoint))
        {
            load.SendTo(naive.Entry);
            Measure("naive", load, seconds);
        }

        using (var load = new RelayLoad())
        {
            await using var relay = new RtpRelay(new RtpRelayOptions { PortRangeStart = 47900, PortRangeEnd = 47999, MediaTimeout = TimeSpan.Zero });
            if (!relay.TryCreateSession(out var session))
            {
                return 1;
            }

            await using (session)
            {
                session.Caller.SetRemote(load.SenderEndPoint, null, [8]);
                session.Agent.SetRemote(load.SinkEndPoint, null, [8]);
                load.SendTo(session.Caller.LocalRtpEndPoint);
                Measure("anchored", load, seconds);
            }
        }

        return 0;
    }

    private static void Measure(string name, RelayLoad load, double seconds)
    {
        for (var i = 0; i < 200; i++)
        {
            load.Run(RtpRelayBenchmarks.Burst); // warm-up: JIT, socket buffers
        }

        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var lostBefore = load.Lost;
        var clock = Stopwatch.StartNew();
        long packets = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            load.Run(RtpRelayBenchmarks.Burst);
            packets += RtpRelayBenchmarks.Burst;
        }

        clock.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-12} {packets,7}  {load.Lost - lostBefore,4}  {cpu,5:F2}  {packets / cpu,14:N0}  {packets / clock.Elapsed.TotalSeconds,14:N0}  {(double)allocated / packets,18:F1}"));
    }
}
