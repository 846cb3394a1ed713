using System.Net.Http.Json;
using System.Text.Json;
using CtiCore.Domain.Campaigns;
using CtiCore.Domain.Crm;
using CtiCore.EndToEnd.Tests.Harness;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.EndToEnd.Tests;

/// <summary>
/// A campaign through the real Asterisk: the campaign grain originates Local/&lt;number&gt;@cticore-campaign, the sipp far
/// end answers, the answer is redirected to a free agent's sipp phone, and the entry and the call log show the outcome.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class CampaignCallTests(EndToEndFixture e2e)
{
    [Fact]
    public async Task A_progressive_campaign_call_is_answered_by_the_far_end_connected_to_an_agent_and_logged()
    {
        await e2e.AllAgentsAvailableAsync();
        var number = EndToEndFixture.NewCallerNumber();
        var campaign = await PostAsync("/api/campaigns", new
        {
            name = "e2e campaign " + Guid.NewGuid().ToString("N")[..6],
            departmentId = e2e.DepartmentId,
            agentIds = e2e.Agents.Select(a => a.Id).ToArray(),
            callerId = "+74951230000",
            callingWindows = Enum.GetNames<DayOfWeek>().Select(d => new { day = d, start = "00:00", end = "00:00" }).ToArray(),
            maxAttempts = 3,
            pacing = "Progressive",
        });
        var campaignId = campaign.GetProperty("id").GetInt64();
        var entry = await e2e.Server.QueryAsync(async db =>
        {
            var added = new DialListEntry { CampaignId = campaignId, E164 = number, OriginalText = number, CreatedAt = DateTimeOffset.UtcNow };
            db.DialListEntries.Add(added);
            await db.SaveChangesAsync();
            return added;
        });

        await PostAsync($"/api/campaigns/{campaignId}/start", new { });
        try
        {
            var logged = Assert.Single(await e2e.InteractionsAsync(i => i.CampaignId == campaignId));
            Assert.Equal(CallDirection.Outbound, logged.Direction);
            Assert.Equal(CallOutcome.Answered, logged.Outcome);
            Assert.Equal(number, logged.ToNumber);
            Assert.Contains(logged.AgentId, e2e.Agents.Select(a => (long?)a.Id));
            Assert.NotNull(logged.AnsweredAt);

            var stored = await e2e.Server.QueryAsync(db => db.DialListEntries.AsNoTracking().SingleAsync(e => e.Id == entry.Id));
            Assert.Equal(DialListEntryState.Pending, stored.State);
            Assert.Equal(1, stored.Attempts);
            Assert.Equal(DialOutcome.Answered, stored.LastOutcome);
            Assert.True(stored.NextAttemptAt > stored.LastAttemptAt);
        }
        finally
        {
            await PostAsync($"/api/campaigns/{campaignId}/stop", new { });
        }
    }

    private async Task<JsonElement> PostAsync(string uri, object body)
    {
        using var response = await e2e.Admin.PostAsJsonAsync(uri, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {uri} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
