using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CtiCore.Abstractions.Telephony;
using CtiCore.Data;
using CtiCore.Domain.Crm;
using CtiCore.Domain.Telephony;
using CtiCore.Server.Auth;
using CtiCore.Server.Realtime;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CtiCore.RealtimeBench;

/// <summary>
/// Latency of screen-pops (issue 5 §8): the real server on Kestrel in this process, N agents connected as .NET
/// SignalR clients over WebSockets, calls offered at a fixed rate through <see cref="ITelephonyEventSink"/> (the
/// entry point the AMI translator publishes to). Measures injection → SignalR write (server side) and injection →
/// client callback (end to end), then the same for a baseline: a plain Clients.User(...).Pop of an equal-size
/// payload with no CTI work, at the same rate, to the same clients.
/// Usage: dotnet run -c Release --project tools/CtiCore.RealtimeBench -- [agents=1000] [seconds=3] [rates=50,200]
/// </summary>
internal static class Bench
{
    private const string DialledNumber = "+74951230000";

    /// <summary>Calls offered before the measured rates, not counted: the first ones pay for JIT and EF query compilation.</summary>
    private const int WarmUpCalls = 20;

    public static async Task<int> Main(string[] args)
    {
        var agents = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var rates = (args.Length > 2 ? args[2] : "50,200").Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToArray();
        var calls = rates.Sum(r => (int)(r * seconds)) + WarmUpCalls;
        if (calls > agents)
        {
            Console.Error.WriteLine($"{calls} calls would need more than {agents} free agents; lower the rate or the seconds.");
            return 2;
        }

        var folder = Path.Combine(Path.GetTempPath(), "cticore-realtime-bench", Guid.NewGuid().ToString("N"));
        await using var server = new BenchServer(folder, FreePort());
        server.UseKestrel(server.Port);
        server.StartServer();
        var baseUri = new Uri($"http://127.0.0.1:{server.Port.ToString(CultureInfo.InvariantCulture)}");
        Console.WriteLine($"Server on {baseUri}; {agents} agents, {seconds} s per rate, rates {string.Join(", ", rates)} calls/s; {Environment.ProcessorCount} cores; load average {LoadAverage()}");

        var tokens = await SeedAsync(server.Services, agents);
        var clients = await ConnectAsync(baseUri, tokens);

        // Measure the steady state, not the login storm: every desktop has been told it is available.
        await clients.AllAvailable.Task.WaitAsync(TimeSpan.FromSeconds(120));
        Console.WriteLine($"{clients.Count} agents connected and available");

        var sink = server.Services.GetRequiredService<ITelephonyEventSink>();
        var results = new List<(string Name, int Rate, Summary Server, Summary EndToEnd, double CpuMs)>();
        var bridge = server.Services.GetRequiredService<RealtimeBridge>();
        var callNumber = 0;
        Task Offer(string key)
        {
            LatencyRecorder.Inject(key);
            return sink.PublishAsync(new CallOffered
            {
                EventId = key + ":offered", Source = "bench", Sequence = 1, OccurredAt = DateTimeOffset.UtcNow,
                CallId = key, CallerNumber = "+7495" + (2_000_000 + Random.Shared.Next(7_999_999)).ToString(CultureInfo.InvariantCulture), DialledNumber = DialledNumber,
            }, CancellationToken.None);
        }

        string NextCall() => "bench-" + Interlocked.Increment(ref callNumber).ToString("D6", CultureInfo.InvariantCulture);
        var warmUp = await RunAtRateAsync(10, WarmUpCalls / 10.0, NextCall, Offer);
        await CollectAsync("warm-up", 10, warmUp);
        foreach (var rate in rates)
        {
            var cpu = Environment.CpuUsage.TotalTime;
            var keys = await RunAtRateAsync(rate, seconds, NextCall, Offer);
            var (name, _, serverSide, endToEnd) = await CollectAsync("CTI: CallOffered event → pop", rate, keys);

            // The state pushes that follow each pop are part of the cost of a call.
            await bridge.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
            results.Add((name, rate, serverSide, endToEnd, (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds / keys.Count));
        }

        // Baseline: the same clients, the same rate, an equal-size pop pushed straight to the hub context.
        var sample = JsonSerializer.Deserialize<ScreenPop>(clients.Sample ?? throw new InvalidOperationException("no pop received"), JsonSerializerOptions.Web)!;
        var hub = server.Services.GetRequiredService<IHubContext<AgentHub, IAgentClient>>();
        var userIds = tokens.Keys.ToArray();
        var baselineNumber = 0;
        foreach (var rate in rates)
        {
            // Keys as long as the CTI ones ("basel-000001" / "bench-000001"), so the payloads are the same size.
            var cpu = Environment.CpuUsage.TotalTime;
            var keys = await RunAtRateAsync(rate, seconds, () => "basel-" + Interlocked.Increment(ref baselineNumber).ToString("D6", CultureInfo.InvariantCulture), key =>
            {
                var pop = sample with { CallId = key };
                var user = userIds[int.Parse(key.AsSpan(6), CultureInfo.InvariantCulture) % userIds.Length];
                LatencyRecorder.Inject(key);
                return hub.Clients.User(user.ToString(CultureInfo.InvariantCulture)).Pop(pop);
            });
            var (name, _, serverSide, endToEnd) = await CollectAsync("Baseline: Clients.User(...).Pop, no CTI work", rate, keys);
            results.Add((name, rate, serverSide, endToEnd, (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds / keys.Count));
        }

        Console.WriteLine();
        Console.WriteLine("| Path | Rate (calls/s) | Messages | Server p50 / p99 / max (ms) | End-to-end p50 / p99 / max (ms) | Process CPU per message (ms) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (name, rate, serverSide, endToEnd, cpuMs) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {rate} | {endToEnd.Count}/{endToEnd.Expected} | {serverSide} | {endToEnd} | {cpuMs:F2} |"));
        }

        Console.WriteLine();
        foreach (var rate in rates)
        {
            var cti = results.First(r => r.Rate == rate && r.Name.StartsWith("CTI", StringComparison.Ordinal));
            var baseline = results.First(r => r.Rate == rate && r.Name.StartsWith("Baseline", StringComparison.Ordinal));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{rate}/s (load average {LoadAverage()}): CTI/baseline p99 ratio: server side {cti.Server.P99 / Math.Max(baseline.Server.P99, 0.001):F1}×, end to end {cti.EndToEnd.P99 / Math.Max(baseline.EndToEnd.P99, 0.001):F1}×; goals p99 ≤ 50 ms server side: {(cti.Server.P99 <= 50 ? "met" : "NOT met")}, ≤ 250 ms end to end: {(cti.EndToEnd.P99 <= 250 ? "met" : "NOT met")}"));
        }

        await clients.DisposeAsync();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A log file may still be open; the temp folder is cleaned by the OS.
        }

        return 0;
    }

    /// <summary>Injects one message every 1/rate s for <paramref name="seconds"/>, paced by the Stopwatch; returns the keys.</summary>
    private static async Task<List<string>> RunAtRateAsync(int rate, double seconds, Func<string> nextKey, Func<string, Task> inject)
    {
        var total = (int)(rate * seconds);
        var keys = new List<string>(total);
        var pending = new List<Task>(total);
        var start = Stopwatch.GetTimestamp();
        while (keys.Count < total)
        {
            var due = Math.Min(total, (int)(Stopwatch.GetElapsedTime(start).TotalSeconds * rate) + 1);
            while (keys.Count < due)
            {
                var key = nextKey();
                keys.Add(key);
                pending.Add(inject(key));
            }

            await Task.Delay(1);
        }

        await Task.WhenAll(pending);
        return keys;
    }

    /// <summary>Waits (up to 30 s) for every message to reach a client, then summarizes both latencies.</summary>
    private static async Task<(string, int, Summary, Summary)> CollectAsync(string name, int rate, List<string> keys)
    {
        var deadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
        while (keys.Any(k => !LatencyRecorder.Received.ContainsKey(k)) && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(50);
        }

        return (name, rate, Summary.Of(keys, LatencyRecorder.Written), Summary.Of(keys, LatencyRecorder.Received));
    }

    /// <summary>One department with one number, N agents in it (rows written directly: hashing N passwords would take minutes), a token each.</summary>
    private static async Task<Dictionary<long, string>> SeedAsync(IServiceProvider services, int agents)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<CrmDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var department = new Department { Name = "Bench", Numbers = [DialledNumber], Routing = new DepartmentRoutingSettings { RingTimeoutSeconds = 120, CreateClientForUnknownCaller = false } };
        db.Departments.Add(department);
        await db.SaveChangesAsync();
        var users = Enumerable.Range(0, agents).Select(i => new User
        {
            Login = "bench" + i.ToString(CultureInfo.InvariantCulture),
            DisplayName = "Bench agent " + i.ToString(CultureInfo.InvariantCulture),
            PasswordHash = "not-a-login",
            Role = UserRole.Agent,
            DepartmentId = department.Id,
            Extension = (10000 + i).ToString(CultureInfo.InvariantCulture),
            CreatedAt = DateTimeOffset.UtcNow,
        }).ToList();
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
        var issuer = services.GetRequiredService<AccessTokenIssuer>();
        return users.ToDictionary(u => u.Id, u => issuer.Issue(u).Value);
    }

    private static async Task<AgentClients> ConnectAsync(Uri baseUri, Dictionary<long, string> tokens)
    {
        var clients = new AgentClients();
        await Parallel.ForEachAsync(tokens, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (entry, ct) =>
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(baseUri, RealtimeHostingExtensions.AgentHubPath), o =>
                {
                    o.Transports = HttpTransportType.WebSockets;
                    o.SkipNegotiation = true;
                    o.AccessTokenProvider = () => Task.FromResult<string?>(entry.Value);
                })
                .Build();
            connection.On<JsonElement>("State", state =>
            {
                if (state.GetProperty("status").GetString() == "Available")
                {
                    clients.Available(entry.Key, tokens.Count);
                }
            });
            connection.On<JsonElement>("Pop", pop =>
            {
                if (pop.GetProperty("stage").GetString() == "ringing")
                {
                    var callId = pop.GetProperty("callId").GetString()!;
                    LatencyRecorder.Receive(callId);
                    clients.Sample ??= pop.GetRawText();
                }
            });
            await connection.StartAsync(ct);
            await connection.InvokeAsync("SetAvailable", ct);
            clients.Add(connection);
        });
        return clients;
    }

    /// <summary>The 1-minute load average (Linux), so a result carries how busy the machine was.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class AgentClients : IAsyncDisposable
    {
        private readonly ConcurrentBag<HubConnection> _connections = [];
        private readonly ConcurrentDictionary<long, byte> _available = new();

        public TaskCompletionSource AllAvailable { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Available(long agentId, int of)
        {
            if (_available.TryAdd(agentId, 0) && _available.Count == of)
            {
                AllAvailable.TrySetResult();
            }
        }

        public int Count => _connections.Count;

        public string? Sample { get; set; }

        public void Add(HubConnection connection) => _connections.Add(connection);

        public async ValueTask DisposeAsync()
        {
            foreach (var connection in _connections)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
