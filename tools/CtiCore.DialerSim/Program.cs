using System.Diagnostics;
using System.Globalization;
using System.Text;
using CtiCore.DialerSim;
using CtiCore.DialerSim.Pacers;
using CtiCore.Domain.Campaigns;

// Usage: dotnet run --project tools/CtiCore.DialerSim -c Release -- [--seeds 5] [--hours 8] [--out file.md]
var seeds = 5;
var hours = 8.0;
string? output = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--seeds": seeds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--hours": hours = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--out": output = args[++i]; break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
    }
}

const double cap = DialCompliance.DefaultAbandonCap;
var scenarios = new List<Scenario>();
foreach (var agents in new[] { 20, 50 })
{
    foreach (var answer in new[] { 0.15, 0.25, 0.35 })
    {
        foreach (var talk in new[] { 120.0, 300.0 })
        {
            scenarios.Add(new Scenario(agents, answer, talk, 10, 30, hours));
        }
    }
}

var pacers = new Func<IPacer>[]
{
    () => new ProgressivePacer(),
    () => new FixedRatioPacer(2.0),
    () => new AdaptHardLimitPacer(cap),
    () => new OurPredictivePacer(cap),
};

var stopwatch = Stopwatch.StartNew();
var results = new List<SimulationResult>();
foreach (var scenario in scenarios)
{
    foreach (var make in pacers)
    {
        for (var seed = 1; seed <= seeds; seed++)
        {
            var result = new DialerSimulation(scenario, make(), seed).Run() with { Seed = seed };
            results.Add(result);
        }
    }

    Console.Error.WriteLine($"{scenario}: done ({stopwatch.Elapsed.TotalSeconds:F0} s)");
}

var md = new StringBuilder();
var inv = CultureInfo.InvariantCulture;
md.AppendLine(inv, $"{seeds} seeds per cell, {hours:F0} simulated hours each, abandon cap {cap:P0}; figures are means over seeds.");
md.AppendLine();
md.AppendLine("| Scenario | Pacer | Talk min / agent-hour | Occupancy | Abandon rate (max seed) | Violations |");
md.AppendLine("|---|---|---:|---:|---:|---:|");
foreach (var group in results.GroupBy(r => (r.Scenario, r.Pacer)))
{
    var g = group.ToList();
    md.AppendLine(inv, $"| {group.Key.Scenario} | {group.Key.Pacer} | {g.Average(r => r.TalkMinutesPerAgentHour):F1} | {g.Average(r => r.Occupancy):P1} | {g.Average(r => r.AbandonRate):P2} ({g.Max(r => r.AbandonRate):P2}) | {g.Sum(r => r.Violations.Count)} |");
}

md.AppendLine();
md.AppendLine("Summary over all scenarios (mean of per-scenario means):");
md.AppendLine();
md.AppendLine("| Pacer | Talk min / agent-hour | vs ADAPT_HARD_LIMIT | Occupancy | Mean abandon | Worst run abandon | Violations |");
md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
var adapt = results.Where(r => r.Pacer.Contains("ADAPT", StringComparison.Ordinal)).Average(r => r.TalkMinutesPerAgentHour);
foreach (var group in results.GroupBy(r => r.Pacer))
{
    var talk = group.Average(r => r.TalkMinutesPerAgentHour);
    md.AppendLine(inv, $"| {group.Key} | {talk:F1} | {(talk / adapt - 1):+0.0%;-0.0%} | {group.Average(r => r.Occupancy):P1} | {group.Average(r => r.AbandonRate):P2} | {group.Max(r => r.AbandonRate):P2} | {group.Sum(r => r.Violations.Count)} |");
}

var firstViolations = results.SelectMany(r => r.Violations.Select(v => $"{r.Pacer}: {v}")).Take(10).ToList();
if (firstViolations.Count > 0)
{
    md.AppendLine();
    md.AppendLine("First violations:");
    foreach (var v in firstViolations)
    {
        md.AppendLine(inv, $"- {v}");
    }
}

md.AppendLine();
md.AppendLine(inv, $"Run time {stopwatch.Elapsed.TotalSeconds:F0} s; {results.Sum(r => r.CallsPlaced):N0} calls placed, {results.Sum(r => r.Refusals):N0} refused by the eligibility gate.");
Console.WriteLine(md.ToString());
if (output is not null)
{
    File.WriteAllText(output, md.ToString());
}

return results.Any(r => r.Violations.Count > 0) ? 1 : 0;
