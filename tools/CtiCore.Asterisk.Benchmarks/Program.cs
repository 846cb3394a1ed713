using System.Diagnostics;
using System.Globalization;
using CtiCore.Asterisk.Benchmarks;
using CtiCore.Asterisk.Benchmarks.Baselines;

// AMI replay benchmark: the capture of one real answered call (88 events, read=all), repeated, replayed over loopback
// TCP to three consumers in the same run: CtiCore's AmiClient, a model of AsterNET's receive path (the named
// baseline, Baselines/AsterNetModel) and a naive line parser. Options: --repeat N (default 100), --runs N (default 3),
// --paced N (events in the 20,000/s latency run, default 20,000), --low-paced N (events in the 1,000/s run, default 5,000).
var repeat = Option("--repeat", 100);
var runs = Option("--runs", 3);
var pacedEvents = Option("--paced", 20_000);
var lowRateEvents = Option("--low-paced", 5_000);
const int PacedRate = 20_000;
const int LowRate = 1_000;

var capturePath = Path.Combine(AppContext.BaseDirectory, "inbound-answered-read-all.ami");
var managerConf = Path.Combine(AppContext.BaseDirectory, "manager.conf");
var events = ReplayStream.LoadEvents(capturePath);
var data = ReplayStream.Build(events, repeat);
var total = events.Count * repeat;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"capture: {events.Count} events; replay: {total:N0} events, {data.Length / 1024.0 / 1024.0:F1} MiB; {Environment.ProcessorCount} cores; median of {runs} timed runs after a warm-up; .NET {Environment.Version}"));

RunResult Measured(Func<RunResult> run)
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var result = run();
    return result with { Cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore };
}

RunResult Median(Func<RunResult> run)
{
    run();
    var results = Enumerable.Range(0, runs).Select(_ => Measured(run)).OrderBy(r => r.Cpu).ToList();
    return results[runs / 2];
}

RunResult OverTcp(Func<int, RunResult> consume, bool handshake, Func<System.Net.Sockets.NetworkStream, Task> replay)
{
    using var server = new ReplayServer();
    var serving = server.ServeOnceAsync(replay, handshake);
    var result = consume(server.Port);
    serving.GetAwaiter().GetResult();
    return result;
}

RunResult Check(RunResult result, int expected) =>
    result.Events == expected ? result : throw new InvalidOperationException($"{result.Events} of {expected} events handled");

var consumers = new (string Name, Func<int, int, RunResult> Consume, bool Handshake)[]
{
    ("CtiCore AmiClient (Pipelines)", (port, n) => Consumers.CtiCoreClientAsync(port, n).GetAwaiter().GetResult(), true),
    ("AsterNET model, UseASyncEvents = true (baseline)", (port, n) => AsterNetModelConsumer.Run(port, n, useAsyncEvents: true), false),
    ("AsterNET model, UseASyncEvents = false", (port, n) => AsterNetModelConsumer.Run(port, n, useAsyncEvents: false), false),
    ("AsterNET model, UseASyncEvents = true, 8 KB reads", (port, n) => AsterNetModelConsumer.Run(port, n, useAsyncEvents: true, AsterNetModelConsumer.SmallReadSize), false),
    ("naive line parser", (port, n) => Consumers.NaiveLineParser(port, n), false),
};

var rows = consumers.Select(c => (c.Name, Result: Median(() => Check(OverTcp(port => c.Consume(port, total), c.Handshake, s => ReplayServer.WriteAllAsync(s, data)), total)))).ToList();
var asterNet = rows[1].Result;
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"AsterNET model read size (TcpClient.ReceiveBufferSize here): {AsterNetModelConsumer.ReceiveBufferSize:N0} bytes"));
Console.WriteLine("Throughput over loopback TCP, as fast as the consumer reads:");
Console.WriteLine();
Console.WriteLine("| consumer | events/s (wall) | events per CPU-second | × AsterNET model (CPU) | × AsterNET model (wall) | allocated bytes/event | reorderings |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
foreach (var (name, result) in rows)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {result.EventsPerSecond:N0} | {result.EventsPerCpuSecond:N0} | {result.EventsPerCpuSecond / asterNet.EventsPerCpuSecond:F1}× | {result.EventsPerSecond / asterNet.EventsPerSecond:F1}× | {result.BytesPerEvent:N0} | {result.Reorderings} |"));
}

void LatencyTable(int rate, int count)
{
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wire to handler, paced at {rate:N0} events/s over loopback, {count:N0} events:"));
    Console.WriteLine();
    Console.WriteLine("| consumer | p50 µs | p99 µs | max µs | reorderings |");
    Console.WriteLine("|---|---:|---:|---:|---:|");
    foreach (var (name, consume, handshake) in consumers)
    {
        var result = Check(OverTcp(port => consume(port, count), handshake, s => ReplayServer.WritePacedAsync(s, events, count, rate)), count);
        var sorted = result.LatenciesMicroseconds.Order().ToArray();
        double Percentile(double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Percentile(0.50):N0} | {Percentile(0.99):N0} | {sorted[^1]:N0} | {result.Reorderings} |"));
    }
}

LatencyTable(PacedRate, pacedEvents);
// A rate every consumer sustains: what is left is each design's own delay (AsterNET's 50 ms idle sleep among them).
LatencyTable(LowRate, lowRateEvents);

var filter = ManagerUserFilter.Load(managerConf, "cticore");
var (all, received, byName) = EventsPerCall.Count(capturePath, filter);
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Events per call ({Path.GetFileName(capturePath)}), read=all vs [cticore] read = {string.Join(',', filter.ReadClasses)} + {filter.ExcludedNames.Count} exclude filters: {all} vs {received} ({(double)all / received:F1}× fewer)"));
Console.WriteLine();
Console.WriteLine("| event | read=all | cticore user |");
Console.WriteLine("|---|---:|---:|");
foreach (var (name, countAll, countReceived) in byName.OrderByDescending(e => e.All).ThenBy(e => e.Name, StringComparer.Ordinal))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {countAll} | {countReceived} |"));
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
