using System.Globalization;
using CtiCore.Asterisk.Benchmarks;

// AMI replay benchmark: the capture of one real answered call (88 events, read=all), repeated, with a naive
// string-based line parser as the baseline measured in the same run. Results are medians of the timed runs.
const int Repeat = 600;
const int Runs = 5;
const int PacedRate = 20_000;
const int PacedEvents = 100_000;

var capturePath = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "inbound-answered-read-all.ami");
var events = ReplayStream.LoadEvents(capturePath);
var data = ReplayStream.Build(events, Repeat);
var total = events.Count * Repeat;
Console.WriteLine($"capture: {events.Count} events; replay: {total} events, {data.Length / 1024.0 / 1024.0:F1} MiB; {Environment.ProcessorCount} cores; {Runs} timed runs each after a warm-up");

RunResult Median(Func<RunResult> run)
{
    run();
    var results = Enumerable.Range(0, Runs).Select(_ =>
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return run();
    }).OrderBy(r => r.Elapsed).ToList();
    return results[Runs / 2];
}

RunResult OverTcp(Func<int, RunResult> consume, bool handshake, Func<System.Net.Sockets.NetworkStream, Task> replay)
{
    using var server = new ReplayServer();
    var serving = server.ServeOnceAsync(replay, handshake);
    var result = consume(server.Port);
    serving.GetAwaiter().GetResult();
    return result;
}

var rows = new List<(string Name, RunResult Result)>
{
    ("scanner in memory (CtiCore.Asterisk.Protocol)", Median(() => Consumers.ScannerInMemory(data, total))),
    ("naive line parser in memory (baseline)", Median(() => Consumers.NaiveInMemory(data, total))),
    ("AmiClient over loopback TCP (CtiCore)", Median(() => OverTcp(port => Consumers.CtiCoreClientAsync(port, total).GetAwaiter().GetResult(), true, s => ReplayServer.WriteAllAsync(s, data)))),
    ("naive line parser over loopback TCP (baseline)", Median(() => OverTcp(port => Consumers.NaiveLineParser(port, total), false, s => ReplayServer.WriteAllAsync(s, data)))),
};

Console.WriteLine();
Console.WriteLine("| run | events/s | ratio to its baseline | allocated bytes/event | reorderings |");
Console.WriteLine("|---|---:|---:|---:|---:|");
for (var i = 0; i < rows.Count; i++)
{
    var (name, result) = rows[i];
    var baseline = rows[i % 2 == 0 ? i + 1 : i].Result;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {result.EventsPerSecond:N0} | {result.EventsPerSecond / baseline.EventsPerSecond:F1}x | {result.BytesPerEvent:N0} | {result.Reorderings} |"));
}

Console.WriteLine();
Console.WriteLine($"| paced at {PacedRate:N0} events/s over loopback, {PacedEvents:N0} events | p50 µs | p99 µs | max µs | reorderings |");
Console.WriteLine("|---|---:|---:|---:|---:|");
foreach (var (name, consume, handshake) in new (string, Func<int, RunResult>, bool)[]
{
    ("AmiClient (CtiCore), wire to handler", port => Consumers.CtiCoreClientAsync(port, PacedEvents).GetAwaiter().GetResult(), true),
    ("naive line parser (baseline), wire to handler", port => Consumers.NaiveLineParser(port, PacedEvents), false),
})
{
    var result = OverTcp(consume, handshake, s => ReplayServer.WritePacedAsync(s, events, PacedEvents, PacedRate));
    var sorted = result.LatenciesMicroseconds.Order().ToArray();
    double Percentile(double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {Percentile(0.50):N0} | {Percentile(0.99):N0} | {sorted[^1]:N0} | {result.Reorderings} |"));
}
