using BenchmarkDotNet.Attributes;
using CtiCore.Sip.Rtp;

namespace CtiCore.Sip.Benchmarks.Rtp;

/// <summary>
/// Time and allocations per relayed RTP packet (caller → relay → agent over loopback UDP), for the anchored relay
/// against the naive <see cref="UdpClient"/> relay measured in the same run. Each operation is one packet of a burst
/// of <see cref="Burst"/>; the load generator itself allocates nothing, so the allocation column is the relay's.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes through [GlobalCleanup].")]
public class RtpRelayBenchmarks
{
    public const int Burst = 32;

    private RelayLoad _naiveLoad = null!;
    private NaiveUdpRelay _naive = null!;
    private RelayLoad _anchoredLoad = null!;
    private RtpRelay _relay = null!;
    private RtpSession _session = null!;

    [GlobalSetup]
    public void Setup()
    {
        _naiveLoad = new RelayLoad();
        _naive = new NaiveUdpRelay(_naiveLoad.SinkEndPoint);
        _naiveLoad.SendTo(_naive.Entry);

        _anchoredLoad = new RelayLoad();
        _relay = new RtpRelay(new RtpRelayOptions { PortRangeStart = 47900, PortRangeEnd = 47999, MediaTimeout = TimeSpan.Zero });
        if (!_relay.TryCreateSession(out var session))
        {
            throw new InvalidOperationException("No RTP ports free in 47900-47999.");
        }

        _session = session;
        _session.Caller.SetRemote(_anchoredLoad.SenderEndPoint, null, [8]);
        _session.Agent.SetRemote(_anchoredLoad.SinkEndPoint, null, [8]);
        _anchoredLoad.SendTo(_session.Caller.LocalRtpEndPoint);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_naiveLoad.Lost + _anchoredLoad.Lost > 0)
        {
            Console.WriteLine($"// lost packets: naive {_naiveLoad.Lost}, anchored {_anchoredLoad.Lost}");
        }

        _naive.Dispose();
        _naiveLoad.Dispose();
        _session.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _relay.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _anchoredLoad.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Burst)]
    public void NaiveUdpClientRelay() => _naiveLoad.Run(Burst);

    [Benchmark(OperationsPerInvoke = Burst)]
    public void AnchoredRelay() => _anchoredLoad.Run(Burst);
}
