using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CtiCore.Domain.Crm;
using CtiCore.EndToEnd.Tests.Harness;

namespace CtiCore.EndToEnd.Tests;

/// <summary>Click-to-call through the REST endpoint: Asterisk rings the agent's sipp phone, then dials the sipp far end.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class ClickToCallTests(EndToEndFixture e2e)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Click_to_call_rings_the_agent_then_the_client_and_is_logged_as_outbound()
    {
        await e2e.AllAgentsAvailableAsync();
        var agent = e2e.Agents[0];
        var number = EndToEndFixture.NewCallerNumber();
        using var created = await agent.Api.PostAsJsonAsync("/api/clients", new { name = "Outbound Client", phones = new[] { new { number } } }, Ct);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(Ct));
        var clientId = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("id").GetInt64();
        var agentInvites = agent.Phone.InvitesReceived;
        var farEndInvites = e2e.FarEnd.InvitesReceived;

        using var response = await agent.Api.PostAsJsonAsync("/api/calls/click-to-call", new { clientId }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var callId = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("callId").GetString()!;
        var interaction = Assert.Single(await e2e.InteractionsAsync(i => i.CallKey == callId));
        Assert.Equal(CallDirection.Outbound, interaction.Direction);
        Assert.Equal(CallOutcome.Answered, interaction.Outcome);
        Assert.Equal(agent.Id, interaction.AgentId);
        Assert.Equal(clientId, interaction.ClientId);
        Assert.Equal(number, interaction.ToNumber);
        Assert.NotNull(interaction.AnsweredAt);
        Assert.True(interaction.EndedAt > interaction.AnsweredAt);
        // The agent's phone rang first, then the far end of the trunk got the client's number.
        Assert.Equal(agentInvites + 1, agent.Phone.InvitesReceived);
        Assert.Equal(farEndInvites + 1, e2e.FarEnd.InvitesReceived);
        Assert.Contains(e2e.FarEnd.ReceivedInvites(), invite => invite.To == number.TrimStart('+'));
        await e2e.AllAgentsAvailableAsync();
    }
}
