namespace CtiCore.Architecture.Tests;

/// <summary>
/// Keeps the layering honest: domain, then grains, then adapters and host. A new arrow that points up
/// (say Grains → Data, or a protocol project → Abstractions) fails here before it spreads.
/// </summary>
public sealed class DependencyDirectionTests
{
    // Which of our projects each layer may reach, directly or not. Projects not listed may reach nothing of ours.
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["CtiCore.Domain"] = [],
        ["CtiCore.Abstractions"] = ["CtiCore.Domain"],
        ["CtiCore.Grains"] = ["CtiCore.Abstractions", "CtiCore.Domain"],
        ["CtiCore.Data"] = ["CtiCore.Domain"],
        ["CtiCore.Asterisk.Protocol"] = [],
        ["CtiCore.Asterisk"] = ["CtiCore.Asterisk.Protocol"],
        ["CtiCore.Sip"] = [],
        ["CtiCore.Media"] = [],
        ["CtiCore.Telephony"] = ["CtiCore.Abstractions", "CtiCore.Domain", "CtiCore.Asterisk", "CtiCore.Asterisk.Protocol", "CtiCore.Sip", "CtiCore.Media"],
    };

    private readonly ProjectGraph _graph = ProjectGraph.LoadSources();

    [Fact]
    public void The_graph_covers_the_core_projects()
    {
        foreach (var core in new[] { "CtiCore.Domain", "CtiCore.Abstractions", "CtiCore.Grains", "CtiCore.Data", "CtiCore.Server" })
        {
            Assert.Contains(core, _graph.References.Keys);
        }
    }

    [Fact]
    public void No_project_reaches_itself()
    {
        var cyclic = _graph.References.Keys.Where(p => _graph.Reachable(p).Contains(p)).ToList();
        Assert.Empty(cyclic);
    }

    [Fact]
    public void Every_project_only_reaches_the_layers_below_it()
    {
        var violations = new List<string>();
        foreach (var project in _graph.References.Keys)
        {
            if (project == "CtiCore.Server")
            {
                continue; // the composition root may reference everything
            }

            var allowed = Allowed.GetValueOrDefault(project, []);
            violations.AddRange(_graph.Reachable(project)
                .Where(target => !allowed.Contains(target))
                .Select(target => $"{project} → {target}"));
        }

        Assert.Empty(violations);
    }

    [Fact]
    public void Nothing_references_the_host()
    {
        var referencingServer = _graph.References.Where(kv => kv.Value.Contains("CtiCore.Server")).Select(kv => kv.Key);
        Assert.Empty(referencingServer);
    }
}
