using CtiCore.Domain.Crm;
using CtiCore.Domain.Routing;
using CtiCore.EndToEnd.Tests.Harness;

namespace CtiCore.EndToEnd.Tests;

/// <summary>The AMI link cut (TCP reset through the relay) in the middle of an answered call.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class AmiReconnectTests(EndToEndFixture e2e)
{
    [Fact]
    public async Task A_call_in_progress_when_AMI_drops_is_still_logged_exactly_once_after_the_reconnect()
    {
        await e2e.AllAgentsAvailableAsync();
        var caller = EndToEndFixture.NewCallerNumber();
        var connections = e2e.AmiRelay.Accepted;

        var call = e2e.CallAsync(caller, TimeSpan.FromSeconds(5));
        var onCall = await Eventually.GetAsync(async () =>
        {
            foreach (var agent in e2e.Agents)
            {
                if ((await e2e.AgentViewAsync(agent.Id)).Snapshot.Status == AgentStatus.OnCall)
                {
                    return agent;
                }
            }

            return null;
        }, TimeSpan.FromSeconds(20), "an agent on the call");
        e2e.AmiRelay.CutAll();
        await Eventually.HoldsAsync(() => Task.FromResult(e2e.AmiRelay.Accepted > connections), TimeSpan.FromSeconds(20), "the AMI client reconnected");

        var result = await call;

        Assert.True(result.Succeeded, result.ToString());
        var interaction = Assert.Single(await e2e.InteractionsAsync(i => i.FromNumber == caller));
        Assert.Equal(CallOutcome.Answered, interaction.Outcome);
        Assert.Equal(onCall.Id, interaction.AgentId);
        Assert.NotNull(interaction.EndedAt);
        Assert.True(interaction.TalkSeconds > 0);
        // Once the agent is free the call has been fully handled: still one Interaction, not a second from the resync.
        await e2e.AllAgentsAvailableAsync();
        Assert.Single(await e2e.InteractionsAsync(i => i.FromNumber == caller));
    }
}
