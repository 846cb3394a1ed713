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

    [Fact]
    public async Task A_returning_caller_reaches_the_agent_who_answered_them_last_time()
    {
        await e2e.AllAgentsAvailableAsync();
        var caller = EndToEndFixture.NewCallerNumber();
        Assert.True((await e2e.CallAsync(caller, Talk)).Succeeded);
        var first = Assert.Single(await e2e.InteractionsAsync(i => i.FromNumber == caller));
        var agent = e2e.Agent(first.AgentId!.Value);
        await e2e.AllAgentsAvailableAsync();
        // Without the relationship the call would go elsewhere: this agent's last call is now the most recent.
        Assert.NotEqual(agent.Id, (await LongestIdleAgentAsync()).Id);

        var again = await e2e.CallAsync(caller, Talk);

        Assert.True(again.Succeeded, again.ToString());
        var second = (await e2e.InteractionsAsync(i => i.FromNumber == caller, count: 2))[1];
        Assert.Equal(CallOutcome.Answered, second.Outcome);
        Assert.Equal(agent.Id, second.AgentId);
        Assert.Equal(first.ClientId, second.ClientId);
        Assert.NotEqual(first.CallKey, second.CallKey);
        Assert.Contains(agent.DisplayName, second.RoutingReason, StringComparison.Ordinal);
        Assert.DoesNotContain("longest idle", second.RoutingReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_callers_agent_is_busy_the_next_agent_rings()
    {
        await e2e.AllAgentsAvailableAsync();
        var caller = EndToEndFixture.NewCallerNumber();
        Assert.True((await e2e.CallAsync(caller, Talk)).Succeeded);
        var own = e2e.Agent(Assert.Single(await e2e.InteractionsAsync(i => i.FromNumber == caller)).AgentId!.Value);
        var next = e2e.Agents.Single(a => a.Id != own.Id);
        await e2e.AllAgentsAvailableAsync();

        // Make the caller's agent busy with another caller: the other agent pauses so that call can only go to them.
        await next.PauseAsync("e2e: keep out of the way");
        var blocker = EndToEndFixture.NewCallerNumber();
        var blocking = e2e.CallAsync(blocker, TimeSpan.FromSeconds(8));
        await Eventually.HoldsAsync(async () => (await e2e.AgentViewAsync(own.Id)).Snapshot.Status == Domain.Routing.AgentStatus.OnCall,
            TimeSpan.FromSeconds(20), $"{own.DisplayName} on the blocking call");
        await next.SetAvailableAsync();
        var nextInvites = next.Phone.InvitesReceived;

        var call = await e2e.CallAsync(caller, Talk);

        Assert.True(call.Succeeded, call.ToString());
        var second = (await e2e.InteractionsAsync(i => i.FromNumber == caller, count: 2))[1];
        Assert.Equal(CallOutcome.Answered, second.Outcome);
        Assert.Equal(next.Id, second.AgentId);
        Assert.Equal(nextInvites + 1, next.Phone.InvitesReceived);
        Assert.Contains($"{own.DisplayName} busy", second.RoutingReason, StringComparison.Ordinal);
        Assert.True((await blocking).Succeeded);
        Assert.Equal(own.Id, Assert.Single(await e2e.InteractionsAsync(i => i.FromNumber == blocker)).AgentId);
    }

    [Fact]
    public async Task A_caller_who_hangs_up_while_the_agent_phone_rings_is_logged_as_abandoned()
    {
        await e2e.AllAgentsAvailableAsync();
        var caller = EndToEndFixture.NewCallerNumber();
        var rung = await LongestIdleAgentAsync();
        var invites = rung.Phone.InvitesReceived;

        // The phones ring for EndToEndFixture.AgentRingTime before answering; the caller gives up well before.
        var call = await e2e.CallAndAbandonAsync(caller, EndToEndFixture.AgentRingTime / 5);

        Assert.True(call.Succeeded, call.ToString());
        var interaction = Assert.Single(await e2e.InteractionsAsync(i => i.FromNumber == caller));
        Assert.Equal(CallOutcome.Abandoned, interaction.Outcome);
        Assert.Null(interaction.AgentId);
        Assert.Null(interaction.AnsweredAt);
        Assert.Equal(0, interaction.TalkSeconds);
        Assert.NotNull(interaction.ClientId);
        Assert.True(interaction.EndedAt >= interaction.OfferedAt);
        Assert.Equal(invites + 1, rung.Phone.InvitesReceived);
        // The rung agent is free again, not left reserved for a call that is gone.
        await e2e.AllAgentsAvailableAsync();
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
