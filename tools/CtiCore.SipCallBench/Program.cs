using System.Diagnostics;
using System.Globalization;
using CtiCore.SipCallBench;

// SIP call setup through CtiCore's built-in PBX and through Asterisk 22, with the same sipp caller and answering UAS,
// in one run. For each PBX and each call rate: calls that succeeded and failed, and the PBX process's CPU time (user +
// system, /proc/PID/stat) over the step, so calls per CPU-second. Needs root (the Asterisk chroot), sipp, a Release
// build of the server. Options: --rates 10,25,50  --seconds 8  --hold-ms 200  --agents 30  --warmup 300
// --asterisk-root PATH (default <repo>/.sandbox/asterisk-bench)  --skip-asterisk  --skip-server  --skip-sip-layer
if (args.FirstOrDefault() == B2buaOnlyHost.Flag)
{
    return await B2buaOnlyHost.RunAsync(args);
}

var options = Options.Parse(args);
var repository = Options.Repository();
Console.WriteLine($"sipcallbench: rates {string.Join(',', options.Rates)} cps, {options.Seconds} s each, hold {options.HoldMs} ms, {options.Agents} agents, warm-up {options.Warmup} calls");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");

var results = new List<StepResult>();
if (!options.SkipServer)
{
    results.AddRange(await Bench.RunAsync(options, uas => CtiCorePbx.StartAsync(repository, options.Agents, uas).ContinueWith(t => (IPbxUnderTest)t.Result, TaskScheduler.Default)));
}
if (!options.SkipSipLayer)
{
    results.AddRange(await Bench.RunAsync(options, uas => B2buaOnlyPbx.StartAsync(options.Agents, uas).ContinueWith(t => (IPbxUnderTest)t.Result, TaskScheduler.Default)));
}
if (!options.SkipAsterisk)
{
    var root = options.AsteriskRoot ?? Path.Combine(repository, ".sandbox", "asterisk-bench");
    results.AddRange(await Bench.RunAsync(options, uas => AsteriskPbx.StartAsync(repository, root, uas).ContinueWith(t => (IPbxUnderTest)t.Result, TaskScheduler.Default)));
}

Console.WriteLine();
Console.WriteLine($"machine after: load average {File.ReadAllText("/proc/loadavg").Trim()}");
Console.WriteLine("| PBX | offered cps | calls | failed | achieved cps | PBX CPU s | idle CPU s/s | calls per CPU-second | same, idle taken out |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Pbx} | {r.Rate} | {r.Successful} | {r.Failed} | {r.AchievedCps:F1} | {r.CpuSeconds:F2} | {r.IdleCpuPerSecond:F3} | {r.CallsPerCpuSecond:F1} | {r.CallsPerCallCpuSecond:F1} |"));
}
foreach (var rate in options.Rates)
{
    var theirs = results.FirstOrDefault(r => r.Rate == rate && r.Pbx.StartsWith("Asterisk", StringComparison.Ordinal));
    foreach (var ours in results.Where(r => r.Rate == rate && r.Pbx.StartsWith("CtiCore", StringComparison.Ordinal)))
    {
        if (ours is { Failed: 0 } && theirs is { Failed: 0 })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio at {rate} cps: {ours.Pbx} / Asterisk calls per CPU-second = {ours.CallsPerCpuSecond / theirs.CallsPerCpuSecond:F2}x"));
        }
    }
}
return results.Any(r => r.Failed != 0 || r.Successful == 0) ? 1 : 0;

namespace CtiCore.SipCallBench
{
    internal sealed record StepResult(string Pbx, int Rate, int Successful, int Failed, double WallSeconds, double CpuSeconds, double IdleCpuPerSecond)
    {
        /// <summary>Calls per CPU-second once the idle burn over the same wall time is taken out.</summary>
        public double CallsPerCallCpuSecond => CpuSeconds - IdleCpuPerSecond * WallSeconds is var net && net > 0 ? Successful / net : double.NaN;

        public double AchievedCps => Successful / WallSeconds;

        public double CallsPerCpuSecond => CpuSeconds > 0 ? Successful / CpuSeconds : double.NaN;
    }

    internal sealed record Options(int[] Rates, int Seconds, int HoldMs, int Agents, int Warmup, string? AsteriskRoot, bool SkipAsterisk, bool SkipServer, bool SkipSipLayer)
    {
        public static Options Parse(string[] args)
        {
            string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
            int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
            var rates = (Value("--rates") ?? "10,25,50").Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToArray();
            return new Options(rates, Int("--seconds", 8), Int("--hold-ms", 200), Int("--agents", 30), Int("--warmup", 300), Value("--asterisk-root"), args.Contains("--skip-asterisk"),
                args.Contains("--skip-server"), args.Contains("--skip-sip-layer"));
        }

        public static string Repository()
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "CtiCore.sln")))
            {
                folder = folder.Parent;
            }
            return folder?.FullName ?? throw new InvalidOperationException("Run the bench from inside the repository.");
        }
    }

    internal static class Bench
    {
        /// <summary>Starts the answering UAS and the PBX, warms up, then runs each rate step and reads the PBX's CPU time around it.</summary>
        public static async Task<List<StepResult>> RunAsync(Options options, Func<int, Task<IPbxUnderTest>> startPbx)
        {
            var uasPort = BenchPorts.Next();
            await using var uas = SippProcess.Start(["-sf", SippProcess.Scenario("bench-uas.xml"), "-i", "127.0.0.1", "-p", I(uasPort), "-mp", I(BenchPorts.Next())]);
            await using var pbx = await startPbx(uasPort);
            Console.WriteLine($"{pbx.Name}: pid {pbx.ProcessId}, SIP 127.0.0.1:{pbx.SipPort}");
            var warm = await CallAsync(pbx, options, options.Rates[0], options.Warmup);
            Console.WriteLine($"  warm-up: {warm.Successful} ok, {warm.Failed} failed");
            // What the process burns with no calls at all (timers, hub keep-alives): reported so the per-call cost
            // can be told apart from the fixed cost; the figures below are total process CPU, idle included.
            var idleBefore = ProcessCpu.Seconds(pbx.ProcessId);
            await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
            var idle = (ProcessCpu.Seconds(pbx.ProcessId) - idleBefore) / options.Seconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  idle: {idle:F3} CPU-s per second"));
            var results = new List<StepResult>();
            foreach (var rate in options.Rates)
            {
                var cpuBefore = ProcessCpu.Seconds(pbx.ProcessId);
                var clock = Stopwatch.StartNew();
                var (successful, failed) = await CallAsync(pbx, options, rate, rate * options.Seconds);
                var wall = clock.Elapsed.TotalSeconds;
                var cpu = ProcessCpu.Seconds(pbx.ProcessId) - cpuBefore;
                var result = new StepResult(pbx.Name, rate, successful, failed, wall, cpu, idle);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {rate} cps: {successful} ok, {failed} failed in {wall:F1} s, CPU {cpu:F2} s, {result.CallsPerCpuSecond:F1} calls/CPU-s"));
                results.Add(result);
            }
            return results;
        }

        private static async Task<(int Successful, int Failed)> CallAsync(IPbxUnderTest pbx, Options options, int rate, int calls)
        {
            await using var caller = SippProcess.Start([
                "127.0.0.1:" + I(pbx.SipPort), "-sf", SippProcess.Scenario("bench-uac.xml"), "-s", pbx.Dialled, "-key", "caller", pbx.Caller,
                "-i", "127.0.0.1", "-p", I(BenchPorts.Next()), "-mp", I(BenchPorts.Next()),
                "-r", I(rate), "-m", I(calls), "-d", I(options.HoldMs), "-l", "500", "-recv_timeout", "20000", "-timeout", I(calls / rate + 60) + "s"]);
            var (_, output) = await caller.WaitAsync(TimeSpan.FromSeconds(calls / rate + 90));
            var (successful, failed) = SippProcess.Calls(output);
            if (successful < 0)
            {
                throw new InvalidOperationException("sipp printed no statistics: " + output);
            }
            return (successful, failed);
        }

        private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
