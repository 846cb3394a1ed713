// Caller-recognition latency on a large SQLite CRM: raw caller-ID text -> PhoneNormalizer -> ClientLookup,
// against a baseline measured in the same run and the same process: fetching a client by primary key through EF.
// Usage: dotnet run -c Release --project tools/CtiCore.LookupBench -- [--clients N] [--lookups N] [--warmup N] [--db PATH] [--rebuild]
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using CtiCore.Data;
using CtiCore.Data.Clients;
using CtiCore.Domain.Phones;
using CtiCore.LookupBench;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

var options = BenchOptions.Parse(args);
var cancel = CancellationToken.None;
var loadBefore = ReadLoadAverage();

var buildTime = await BenchDatabase.EnsureAsync(options, cancel);
Console.WriteLine(buildTime is { } built
    ? string.Create(CultureInfo.InvariantCulture, $"Built {options.Clients:N0} clients in {built.TotalSeconds:F1} s: {options.DatabasePath}")
    : $"Reused {options.DatabasePath}");

await using var services = new ServiceCollection().AddCrmData($"Data Source={options.DatabasePath}").BuildServiceProvider();
var lookup = services.GetRequiredService<ClientLookup>();
var contexts = services.GetRequiredService<IDbContextFactory<CrmDbContext>>();
var normalizer = new PhoneNormalizer("RU");

// The same random clients for every measured path; caller-ID arrives in the three shapes PBXes send.
var random = new Random(options.Seed);
long[] Pick(int count) => Enumerable.Range(0, count).Select(_ => random.NextInt64(1, options.Clients + 1)).ToArray();
string RawText(long client, int shape)
{
    var d = BenchDatabase.Subscriber(client).ToString("D9", CultureInfo.InvariantCulture);
    return (shape % 3) switch
    {
        0 => $"8 (9{d[..2]}) {d[2..5]}-{d[5..7]}-{d[7..]}",
        1 => $"+7 9{d[..2]} {d[2..5]} {d[5..7]} {d[7..]}",
        _ => "79" + d,
    };
}

// Thread CPU time of one operation, or -1 when its continuation moved to another thread (then it is not measurable).
static long CpuSince(long startNanoseconds, int startThread) =>
    Environment.CurrentManagedThreadId == startThread ? ThreadCpuClock.NowNanoseconds() - startNanoseconds : -1;

async Task<(long Normalize, long Query, long CpuNanoseconds)> RecognizeAsync(long client, int shape)
{
    var raw = RawText(client, shape);
    var thread = Environment.CurrentManagedThreadId;
    var cpu = ThreadCpuClock.NowNanoseconds();
    var start = Stopwatch.GetTimestamp();
    var e164 = normalizer.Normalize(raw);
    var normalized = Stopwatch.GetTimestamp();
    var match = await lookup.FindByPhoneAsync(e164, cancel);
    var found = Stopwatch.GetTimestamp();
    if (match?.ClientId != client)
    {
        throw new InvalidOperationException($"{raw} was recognized as {match?.ClientId.ToString(CultureInfo.InvariantCulture) ?? "nobody"}, expected client {client}.");
    }

    return (normalized - start, found - normalized, CpuSince(cpu, thread));
}

async Task<(long Wall, long CpuNanoseconds)> FetchByIdAsync(long client)
{
    var thread = Environment.CurrentManagedThreadId;
    var cpu = ThreadCpuClock.NowNanoseconds();
    var start = Stopwatch.GetTimestamp();
    var db = await contexts.CreateDbContextAsync(cancel);
    await using (db)
    {
        var row = await db.Clients.AsNoTracking().Where(c => c.Id == client).FirstOrDefaultAsync(cancel)
            ?? throw new InvalidOperationException($"Client {client} is missing.");
        _ = row.Name;
    }

    var wall = Stopwatch.GetTimestamp() - start;
    return (wall, CpuSince(cpu, thread));
}

foreach (var (client, i) in Pick(options.WarmUp).Select((c, i) => (c, i)))
{
    await RecognizeAsync(client, i);
    await FetchByIdAsync(client);
}

// Interleaved, alternating which path goes first, so a noisy neighbour on a shared machine hits both alike.
var clients = Pick(options.Lookups);
var normalizeTicks = new long[clients.Length];
var queryTicks = new long[clients.Length];
var totalTicks = new long[clients.Length];
var baselineTicks = new long[clients.Length];
var recognitionCpu = new long[clients.Length];
var baselineCpu = new long[clients.Length];
var gcBefore = GC.CollectionCount(0);
for (var i = 0; i < clients.Length; i++)
{
    if (i % 2 == 0)
    {
        (baselineTicks[i], baselineCpu[i]) = await FetchByIdAsync(clients[i]);
    }

    (normalizeTicks[i], queryTicks[i], recognitionCpu[i]) = await RecognizeAsync(clients[i], i);
    totalTicks[i] = normalizeTicks[i] + queryTicks[i];

    if (i % 2 == 1)
    {
        (baselineTicks[i], baselineCpu[i]) = await FetchByIdAsync(clients[i]);
    }
}

var gen0 = GC.CollectionCount(0) - gcBefore;

var recognition = LatencyStats.FromStopwatchTicks("Caller recognition (normalize + ClientLookup)", totalTicks);
var normalizeOnly = LatencyStats.FromStopwatchTicks("  of which PhoneNormalizer.Normalize", normalizeTicks);
var queryOnly = LatencyStats.FromStopwatchTicks("  of which ClientLookup.FindByPhoneAsync", queryTicks);
var baseline = LatencyStats.FromStopwatchTicks("Baseline: EF AsNoTracking client by Id", baselineTicks);
LatencyStats[] onCpu = ThreadCpuClock.IsSupported
    ?
    [
        LatencyStats.FromNanoseconds("Caller recognition, thread CPU time", recognitionCpu),
        LatencyStats.FromNanoseconds("Baseline, thread CPU time", baselineCpu),
    ]
    : [];

var cpu = File.Exists("/proc/cpuinfo")
    ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
    : null;
Console.WriteLine();
Console.WriteLine($"Machine: {cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Database: {options.Clients:N0} clients, {new FileInfo(options.DatabasePath).Length / (1024.0 * 1024):F0} MiB; {options.Lookups:N0} lookups after {options.WarmUp:N0} warm-up; gen0 GCs during the run: {gen0}"));
Console.WriteLine($"Load average before: {loadBefore}; after: {ReadLoadAverage()}");
Console.WriteLine();
Console.WriteLine("| Path | p50 µs | p90 µs | p99 µs | max µs | mean µs |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|");
foreach (var stats in new[] { recognition, normalizeOnly, queryOnly, baseline })
{
    Console.WriteLine(stats.ToMarkdownRow());
}

if (onCpu.Length > 0)
{
    Console.WriteLine();
    Console.WriteLine("On-CPU time of the same operations (excludes waiting for a core; samples whose continuation changed thread are left out):");
    Console.WriteLine();
    Console.WriteLine("| Path | p50 µs | p90 µs | p99 µs | max µs | mean µs | samples |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
    foreach (var stats in onCpu)
    {
        Console.WriteLine(stats.ToMarkdownRow() + string.Create(CultureInfo.InvariantCulture, $" {stats.Count:N0} |"));
    }
}

Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Ratio recognition / baseline: p50 {recognition.P50 / baseline.P50:F2}x, p99 {recognition.P99 / baseline.P99:F2}x; query only / baseline: p50 {queryOnly.P50 / baseline.P50:F2}x, p99 {queryOnly.P99 / baseline.P99:F2}x"));
if (onCpu.Length > 0)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"On-CPU ratio recognition / baseline: p50 {onCpu[0].P50 / onCpu[1].P50:F2}x, p99 {onCpu[0].P99 / onCpu[1].P99:F2}x"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Goal p99 < 2000 µs: {(recognition.P99 < 2000 ? "met" : "NOT met")} ({recognition.P99:F0} µs)"));

static string ReadLoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
