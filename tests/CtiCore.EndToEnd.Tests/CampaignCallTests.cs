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
    public async Task Answered_busy_and_unanswered_numbers_each_end_in_the_right_state_and_every_call_is_logged()
    {
        await e2e.AllAgentsAvailableAsync();
        var answers = EndToEndFixture.NewCalledNumber("200");
        var busy = EndToEndFixture.NewCalledNumber("486");
        var silent = EndToEndFixture.NewCalledNumber("408");
        var campaign = await PostAsync("/api/campaigns", new
        {
            name = "e2e campaign " + Guid.NewGuid().ToString("N")[..6],
            departmentId = e2e.DepartmentId,
            agentIds = e2e.Agents.Select(a => a.Id).ToArray(),
            callerId = "+74951230000",
            callingWindows = Enum.GetNames<DayOfWeek>().Select(d => new { day = d, start = "00:00", end = "00:00" }).ToArray(),
            maxAttempts = 3,
            retryRules = new[] { new { outcome = "Busy", delayMinutes = 10 }, new { outcome = "NoAnswer", delayMinutes = 60 } },
            pacing = "Progressive",
        });
        var campaignId = campaign.GetProperty("id").GetInt64();
        var entries = await e2e.Server.QueryAsync(async db =>
        {
            var added = new[] { answers, busy, silent }
                .Select(n => new DialListEntry { CampaignId = campaignId, E164 = n, OriginalText = n, CreatedAt = DateTimeOffset.UtcNow })
                .ToList();
            db.DialListEntries.AddRange(added);
            await db.SaveChangesAsync();
            return added.ToDictionary(e => e.E164, e => e.Id);
        });

        await PostAsync($"/api/campaigns/{campaignId}/start", new { });
        try
        {
            // The unanswered number rings the whole (at least 15 s) ring time before it counts.
            var logged = (await e2e.InteractionsAsync(i => i.CampaignId == campaignId, count: 3)).ToDictionary(i => i.ToNumber!);
            Assert.Equal(3, logged.Count);
            Assert.All(logged.Values, i => Assert.Equal(CallDirection.Outbound, i.Direction));
            Assert.Equal(CallOutcome.Answered, logged[answers].Outcome);
            Assert.Contains(logged[answers].AgentId, e2e.Agents.Select(a => (long?)a.Id));
            Assert.Equal(CallOutcome.Busy, logged[busy].Outcome);
            // The dialplan reports Dial()'s NOANSWER itself (UserEvent CtiCoreDialStatus): the Local channel's own
            // DialEnd and hang-up cause that follow can no longer turn it into a failure.
            Assert.Equal(CallOutcome.Missed, logged[silent].Outcome);
            Assert.Null(logged[silent].AgentId);
            Assert.True(logged[silent].EndedAt - logged[silent].OfferedAt >= DialCompliance.MinimumRingDuration,
                $"rang {logged[silent].EndedAt - logged[silent].OfferedAt}");

            var stored = await e2e.Server.QueryAsync(db => db.DialListEntries.AsNoTracking().Where(e => e.CampaignId == campaignId).ToListAsync());
            var byNumber = stored.ToDictionary(e => e.E164);
            Assert.All(stored, e => Assert.Equal((DialListEntryState.Pending, 1), (e.State, e.Attempts)));
            Assert.Equal(DialOutcome.Answered, byNumber[answers].LastOutcome);
            Assert.Equal(DialOutcome.Busy, byNumber[busy].LastOutcome);
            Assert.Equal(DialOutcome.NoAnswer, byNumber[silent].LastOutcome);
            Assert.Equal(byNumber[busy].LastAttemptAt + TimeSpan.FromMinutes(10), byNumber[busy].NextAttemptAt);
            Assert.Equal(byNumber[silent].LastAttemptAt + TimeSpan.FromMinutes(60), byNumber[silent].NextAttemptAt);
            Assert.Equal(entries.Count, stored.Count);
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
