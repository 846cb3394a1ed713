using System.Globalization;
using CtiCore.Domain.Crm;
using CtiCore.Domain.Routing;

namespace CtiCore.Domain.Tests.Routing;

/// <summary>
/// One row per rule of the policy. Agents: 1 Ivanova, 2 Petrov, 3 Sidorov, 4 Smirnova. Each row gives the agents'
/// states as a compact string ("1:A 2:B" = Ivanova available, Petrov busy; A available, B busy/on call,
/// R reserved, P paused, W wrap-up, L logged out, U available but phone unreachable), the caller, absences and
/// agents already rung, and expects the chosen agent (0 = queue) with the exact reason.
/// </summary>
public sealed class RoutingPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<long, string> Names = new()
    {
        [1] = "Ivanova",
        [2] = "Petrov",
        [3] = "Sidorov",
        [4] = "Smirnova",
    };

    public static TheoryData<string, string, string, string, string, long, string> Rules => new()
    {
        // name, agents, caller, absences, tried, expected agent, expected reason
        { "a: responsible manager available", "1:A 2:A", "resp=1", "", "", 1, "responsible manager: Ivanova" },
        { "a→d: responsible busy, longest idle", "1:B 2:A 3:A", "resp=1", "", "", 2, "responsible manager Ivanova busy → longest idle: Petrov" },
        { "a→d: responsible paused", "1:P 2:A", "resp=1", "", "", 2, "responsible manager Ivanova paused → longest idle: Petrov" },
        { "a→d: responsible in wrap-up", "1:W 2:A", "resp=1", "", "", 2, "responsible manager Ivanova in wrap-up → longest idle: Petrov" },
        { "a→d: responsible's phone unreachable", "1:U 2:A", "resp=1", "", "", 2, "responsible manager Ivanova phone unreachable → longest idle: Petrov" },
        { "a→d: responsible not in the department", "2:A", "resp=1", "", "", 2, "responsible manager #1 not in this department → longest idle: Petrov" },
        { "b: relationship manager when no responsible", "1:A 2:A 3:A", "last=3@5", "", "", 3, "relationship manager: Sidorov" },
        { "a→b: responsible busy, relationship manager available", "1:B 2:A 3:A", "resp=1 last=3@5", "", "", 3, "responsible manager Ivanova busy → relationship manager: Sidorov" },
        { "b: relationship outside the window is ignored", "1:A 2:A 3:A", "last=3@91", "", "", 1, "no personal manager → longest idle: Ivanova" },
        { "b: relationship exactly at the window edge counts", "1:A 2:A 3:A", "last=3@90", "", "", 3, "relationship manager: Sidorov" },
        { "b→d: relationship manager busy", "1:A 2:A 3:B", "last=3@5", "", "", 1, "relationship manager Sidorov busy → longest idle: Ivanova" },
        { "c: responsible absent → substitute", "1:A 2:A 3:A", "resp=1", "1>3", "", 3, "responsible manager Ivanova absent → substitute: Sidorov" },
        { "c: absence wins over an available status", "1:A 2:A 3:A", "resp=1", "1>2", "", 2, "responsible manager Ivanova absent → substitute: Petrov" },
        { "c→d: substitute busy", "1:L 2:A 3:B", "resp=1", "1>3", "", 2, "responsible manager Ivanova absent, substitute Sidorov busy → longest idle: Petrov" },
        { "c→d: absent without substitute", "1:L 2:A", "resp=1", "1>", "", 2, "responsible manager Ivanova absent, no substitute → longest idle: Petrov" },
        { "c: relationship manager absent → substitute", "1:A 2:A 3:A 4:A", "last=3@5", "3>4", "", 4, "relationship manager Sidorov absent → substitute: Smirnova" },
        { "c: substitute only one hop", "1:L 2:A 3:L 4:A", "resp=1", "1>3 3>4", "", 2, "responsible manager Ivanova absent, substitute Sidorov absent → longest idle: Petrov" },
        { "d: new caller goes to longest idle", "1:A 2:A", "new", "", "", 1, "new caller → longest idle: Ivanova" },
        { "d: unknown caller", "1:B 2:A", "anon", "", "", 2, "unknown caller → longest idle: Petrov" },
        { "d: absent agents are skipped", "1:A 2:A", "new", "1>", "", 2, "new caller → longest idle: Petrov" },
        { "e: nobody available → queue", "1:B 2:P 3:W 4:L", "new", "", "", 0, "new caller → nobody available → queue" },
        { "e: responsible busy and nobody else → queue", "1:B 2:B", "resp=1", "", "", 0, "responsible manager Ivanova busy → nobody available → queue" },
        { "f: responsible already rung", "1:A 2:A", "resp=1", "", "1", 2, "responsible manager Ivanova did not answer → longest idle: Petrov" },
        { "f: never ring twice", "1:A 2:A", "new", "", "1", 2, "new caller → longest idle: Petrov" },
        { "f: everyone available already rung → queue", "1:A 2:A 3:B", "new", "", "1 2", 0, "new caller → every available agent already rung → queue" },
        { "f: substitute already rung", "1:L 2:A 3:A", "resp=1", "1>3", "3", 2, "responsible manager Ivanova absent, substitute Sidorov did not answer → longest idle: Petrov" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Each_rule_picks_the_right_agent_and_says_why(
        string rule, string agents, string caller, string absences, string tried, long expectedAgent, string expectedReason)
    {
        var decision = RoutingPolicy.Decide(Request(agents, caller, absences, tried));

        Assert.True(expectedAgent == (decision.AgentId ?? 0), $"{rule}: expected {expectedAgent}, got {decision.AgentId} ({decision.Reason})");
        Assert.Equal(expectedAgent == 0 ? RoutingOutcome.Queue : RoutingOutcome.Agent, decision.Outcome);
        Assert.Equal(expectedReason, decision.Reason);
        Assert.Equal(Now, decision.DecidedAt);
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void The_routers_availability_index_gives_the_same_decision_as_a_scan_of_everyone(
        string rule, string agents, string caller, string absences, string tried, long expectedAgent, string expectedReason)
    {
        var scan = Request(agents, caller, absences, tried);

        // What the router keeps: the ids of agents who can take a call, in no particular order.
        var indexed = new RoutingRequest
        {
            Caller = scan.Caller,
            Agents = scan.Agents,
            Available = scan.Agents.Values.Where(a => a.CanTakeCall).Select(a => a.AgentId).Reverse().ToHashSet(),
            Absences = scan.Absences,
            Settings = scan.Settings,
            AlreadyTried = scan.AlreadyTried,
            Now = scan.Now,
            DepartmentId = scan.DepartmentId,
        };

        var decision = RoutingPolicy.Decide(indexed);
        Assert.True(expectedAgent == (decision.AgentId ?? 0), $"{rule}: expected {expectedAgent}, got {decision.AgentId} ({decision.Reason})");
        Assert.Equal(expectedReason, decision.Reason);
        Assert.Equal(RoutingPolicy.Decide(scan), decision);
    }

    public static TheoryData<LoadMetric, string, long, string> Metrics => new()
    {
        // Each agent: id:callsToday/talkSeconds/minutesSinceLastCallEnd ("-" = no call yet).
        { LoadMetric.LongestIdle, "1:5/600/10 2:3/900/30 3:9/100/20", 2, "new caller → longest idle: Petrov" },
        { LoadMetric.LongestIdle, "1:5/600/10 2:3/900/30 3:0/0/-", 3, "new caller → longest idle: Sidorov" },
        { LoadMetric.FewestCallsToday, "1:5/600/10 2:3/900/30 3:9/100/20", 2, "new caller → fewest calls today: Petrov" },
        { LoadMetric.LeastTalkTimeToday, "1:5/600/10 2:3/900/30 3:9/100/20", 3, "new caller → least talk time today: Sidorov" },
        // Tie-breaks: equal first figure → the next figure → the lowest agent id.
        { LoadMetric.FewestCallsToday, "1:3/600/10 2:3/900/30 3:9/100/20", 2, "new caller → fewest calls today: Petrov" },
        { LoadMetric.LeastTalkTimeToday, "1:5/100/10 2:3/100/30 3:9/100/20", 2, "new caller → least talk time today: Petrov" },
        { LoadMetric.LongestIdle, "1:3/600/30 2:2/900/30 3:9/100/20", 2, "new caller → longest idle: Petrov" },
        { LoadMetric.LongestIdle, "4:0/0/- 2:0/0/- 3:0/0/-", 2, "new caller → longest idle: Petrov" },
        { LoadMetric.FewestCallsToday, "4:1/60/30 3:1/60/30", 3, "new caller → fewest calls today: Sidorov" },
    };

    [Theory]
    [MemberData(nameof(Metrics))]
    public void Least_loaded_uses_the_configured_metric_with_deterministic_ties(LoadMetric metric, string loads, long expectedAgent, string expectedReason)
    {
        var snapshots = new Dictionary<long, AgentSnapshot>();
        foreach (var item in loads.Split(' '))
        {
            var (id, figures) = (long.Parse(item.Split(':')[0], CultureInfo.InvariantCulture), item.Split(':')[1].Split('/'));
            snapshots[id] = new AgentSnapshot
            {
                AgentId = id,
                DisplayName = Names[id],
                Status = AgentStatus.Available,
                CallsToday = int.Parse(figures[0], CultureInfo.InvariantCulture),
                TalkSecondsToday = int.Parse(figures[1], CultureInfo.InvariantCulture),
                LastCallEndedAt = figures[2] == "-" ? null : Now.AddMinutes(-int.Parse(figures[2], CultureInfo.InvariantCulture)),
            };
        }

        var settings = RoutingSettings.Default with { LoadMetric = metric };
        var request = new RoutingRequest { Caller = new CallerProfile { ClientId = 9, CreatedNow = true }, Agents = snapshots, Settings = settings, Now = Now };

        var decision = RoutingPolicy.Decide(request);

        Assert.Equal(expectedAgent, decision.AgentId);
        Assert.Equal(RoutingRule.LeastLoaded, decision.Rule);
        Assert.Equal(expectedReason, decision.Reason);

        // The same input in a different dictionary order gives the same answer.
        var reversed = new RoutingRequest
        {
            Caller = request.Caller,
            Agents = snapshots.Reverse().ToDictionary(p => p.Key, p => p.Value),
            Settings = settings,
            Now = Now,
        };
        Assert.Equal(expectedAgent, RoutingPolicy.Decide(reversed).AgentId);
    }

    [Theory]
    [InlineData(OverflowAction.Voicemail, null, OverflowAction.Voicemail, "waited 120 s in queue → overflow: voicemail")]
    [InlineData(OverflowAction.CallbackRequest, null, OverflowAction.CallbackRequest, "waited 120 s in queue → overflow: callback request")]
    [InlineData(OverflowAction.Department, 7L, OverflowAction.Department, "waited 120 s in queue → overflow: department #7")]
    [InlineData(OverflowAction.Department, null, OverflowAction.Voicemail, "waited 120 s in queue → overflow: voicemail")]
    public void Overflow_explains_where_the_call_goes(OverflowAction configured, long? targetDepartment, OverflowAction expected, string reason)
    {
        var settings = RoutingSettings.Default with { OverflowAction = configured, OverflowDepartmentId = targetDepartment };

        var decision = RoutingPolicy.Overflow(settings, 1, TimeSpan.FromSeconds(120), Now);

        Assert.Equal(RoutingOutcome.Overflow, decision.Outcome);
        Assert.Equal(expected, decision.OverflowAction);
        Assert.Equal(expected == OverflowAction.Department ? targetDepartment : null, decision.OverflowDepartmentId);
        Assert.Equal(reason, decision.Reason);
    }

    private static RoutingRequest Request(string agents, string caller, string absences, string tried)
    {
        var snapshots = new Dictionary<long, AgentSnapshot>();
        foreach (var item in agents.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var id = long.Parse(item.Split(':')[0], CultureInfo.InvariantCulture);
            var code = item.Split(':')[1];
            snapshots[id] = new AgentSnapshot
            {
                AgentId = id,
                DisplayName = Names[id],
                Status = code switch
                {
                    "A" or "U" => AgentStatus.Available,
                    "B" => AgentStatus.OnCall,
                    "R" => AgentStatus.Reserved,
                    "P" => AgentStatus.Paused,
                    "W" => AgentStatus.WrapUp,
                    _ => AgentStatus.LoggedOut,
                },
                DeviceReachable = code != "U",

                // Equal load everywhere, so least-loaded falls to the id tie-break unless a test says otherwise.
                CallsToday = 2,
            };
        }

        var profile = new CallerProfile();
        foreach (var part in caller.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            profile = part switch
            {
                "new" => profile with { ClientId = 100, CreatedNow = true },
                "anon" => profile,
                _ when part.StartsWith("resp=", StringComparison.Ordinal) => profile with { ClientId = 100, ResponsibleManagerId = long.Parse(part[5..], CultureInfo.InvariantCulture) },
                _ => profile with
                {
                    ClientId = 100,
                    LastAnsweredAgentId = long.Parse(part[5..].Split('@')[0], CultureInfo.InvariantCulture),
                    LastAnsweredAt = Now.AddDays(-int.Parse(part.Split('@')[1], CultureInfo.InvariantCulture)),
                },
            };
        }

        var absent = new Dictionary<long, AbsencePeriod>();
        foreach (var item in absences.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var who = long.Parse(item.Split('>')[0], CultureInfo.InvariantCulture);
            var substitute = item.Split('>')[1];
            absent[who] = new AbsencePeriod
            {
                AgentId = who,
                From = Now.AddDays(-1),
                To = Now.AddDays(1),
                SubstituteAgentId = substitute.Length == 0 ? null : long.Parse(substitute, CultureInfo.InvariantCulture),
            };
        }

        return new RoutingRequest
        {
            Caller = profile,
            Agents = snapshots,
            Absences = absent,
            Settings = RoutingSettings.Default,
            AlreadyTried = tried.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToHashSet(),
            Now = Now,
        };
    }
}
