using CtiCore.Domain.Crm;
using CtiCore.EndToEnd.Tests.Harness;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.EndToEnd.Tests;

/// <summary>Inbound calls from the sipp trunk through the real Asterisk, FastAGI routing and AMI, into the CRM.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class InboundCallTests(EndToEndFixture e2e)
{
    private static readonly TimeSpan Talk = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task An_unknown_caller_gets_a_client_card_and_the_least_loaded_agent_and_one_complete_interaction()
    {
        await e2e.AllAgentsAvailableAsync();
        var caller = EndToEndFixture.NewCallerNumber();
        var expected = await LongestIdleAgentAsync();
        var invitesBefore = expected.Phone.InvitesReceived;

        var call = await e2e.CallAsync(caller, Talk);

        Assert.True(call.Succeeded, call.ToString());
        var interaction = Assert.Single(await e2e.InteractionsAsync(i => i.FromNumber == caller));
        Assert.Equal(CallDirection.Inbound, interaction.Direction);
        Assert.Equal(CallOutcome.Answered, interaction.Outcome);
        Assert.Equal(expected.Id, interaction.AgentId);
        Assert.Equal(invitesBefore + 1, expected.Phone.InvitesReceived);
        Assert.Equal(e2e.DepartmentId, interaction.DepartmentId);
        Assert.NotNull(interaction.AnsweredAt);
        Assert.NotNull(interaction.EndedAt);
        Assert.True(interaction.AnsweredAt > interaction.OfferedAt, $"answered {interaction.AnsweredAt:O} after offered {interaction.OfferedAt:O}");
        Assert.True(interaction.EndedAt > interaction.AnsweredAt);
        Assert.True(interaction.TalkSeconds > 0, $"talk {interaction.TalkSeconds} s");
        Assert.Contains("new caller", interaction.RoutingReason, StringComparison.Ordinal);
        Assert.Contains(expected.DisplayName, interaction.RoutingReason, StringComparison.Ordinal);

        // The card was created for the unknown number and the call is linked to it.
        var client = await e2e.Server.QueryAsync(db => db.Clients.AsNoTracking().Include(c => c.Phones)
            .SingleAsync(c => c.Phones.Any(p => p.E164 == caller)));
        Assert.Equal(client.Id, interaction.ClientId);

        // MixMonitor's file, named by Asterisk and reported over AMI, exists in the sandbox.
        var recording = (await e2e.InteractionsAsync(i => i.FromNumber == caller && i.RecordingRef != null)).Single().RecordingRef!;
        Assert.True(File.Exists(e2e.Asterisk.HostPath(recording)), $"recording {recording} exists");
    }

    /// <summary>What RoutingPolicy's default metric (longest idle, then id) picks among the available agents, computed
    /// from the agents' own state rather than assumed.</summary>
    private async Task<AgentSession> LongestIdleAgentAsync()
    {
        var views = new List<(AgentSession Agent, DateTimeOffset LastEnded)>();
        foreach (var agent in e2e.Agents)
        {
            var view = await e2e.AgentViewAsync(agent.Id);
            views.Add((agent, view.Snapshot.LastCallEndedAt ?? DateTimeOffset.MinValue));
        }

        return views.OrderBy(v => v.LastEnded).ThenBy(v => v.Agent.Id).First().Agent;
    }
}
