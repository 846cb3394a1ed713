using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CtiCore.Domain.Campaigns;
using CtiCore.Server.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Server.FunctionalTests;

/// <summary>
/// Sales: supervisor S and agent A. Support: supervisor T. Own server, so the lists hold exactly this test's campaigns.
/// </summary>
public sealed class CampaignsApiTests : IAsyncLifetime
{
    private readonly CtiServerFactory _factory = new();
    private HttpClient _admin = null!;
    private HttpClient _s = null!;
    private HttpClient _t = null!;
    private HttpClient _a = null!;
    private long _sales;
    private long _agentA;

    private static readonly string[] Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _admin = await _factory.AdminAsync();
        _sales = await Crm.DepartmentAsync(_admin, "Sales");
        var support = await Crm.DepartmentAsync(_admin, "Support");
        _agentA = await Crm.UserAsync(_admin, "agent.a", "Agent", _sales);
        await Crm.UserAsync(_admin, "super.s", "Supervisor", _sales);
        await Crm.UserAsync(_admin, "super.t", "Supervisor", support);
        _s = await _factory.LoginWithTokenAsync("super.s", Crm.AgentPassword);
        _t = await _factory.LoginWithTokenAsync("super.t", Crm.AgentPassword);
        _a = await _factory.LoginWithTokenAsync("agent.a", Crm.AgentPassword);
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_supervisor_creates_a_campaign_with_every_setting_and_controls_it_through_the_grain()
    {
        var created = await _s.PostOkAsync("/api/campaigns", Request("Spring sale"));
        var id = created.Id();
        Assert.Equal("Draft", created.Str("state"));
        Assert.Equal(_sales, created.GetProperty("departmentId").GetInt64());
        Assert.Equal("+74951234567", created.Str("callerId"));
        Assert.Equal(0.03, created.GetProperty("abandonCap").GetDouble());
        Assert.Equal(5, created.GetProperty("callingWindows").GetArrayLength());
        Assert.Equal(10, created.GetProperty("retryRules")[0].GetProperty("delayMinutes").GetInt32());

        var started = await _s.PostOkAsync($"/api/campaigns/{id}/start", new { });
        Assert.Equal("Running", started.Str("state"));
        using (var pacing = await _s.PutAsJsonAsync($"/api/campaigns/{id}/pacing", new { pacing = "Predictive" }, Ct))
        {
            Assert.Equal("Predictive", (await pacing.ReadJsonAsync()).Str("pacing"));
        }

        Assert.Equal("Paused", (await _s.PostOkAsync($"/api/campaigns/{id}/pause", new { })).Str("state"));
        Assert.Equal("Stopped", (await _s.PostOkAsync($"/api/campaigns/{id}/stop", new { })).Str("state"));
        using var restart = await _s.PostAsJsonAsync($"/api/campaigns/{id}/start", new { }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, restart.StatusCode);

        await _factory.WithDbAsync(async db =>
        {
            var stored = await db.Campaigns.SingleAsync(c => c.Id == id, Ct);
            Assert.Equal((CampaignState.Stopped, PacingMode.Predictive), (stored.State, stored.Pacing));
        });

        var stats = await _s.GetJsonAsync($"/api/campaigns/{id}/stats");
        Assert.Equal("Stopped", stats.GetProperty("live").Str("state"));
        Assert.Equal(0, stats.GetProperty("live").GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task Bad_settings_are_refused_field_by_field()
    {
        using var response = await _s.PostAsJsonAsync("/api/campaigns", new
        {
            name = "",
            departmentId = _sales + 1000,
            callerId = "not a number",
            callingWindows = new[] { new { day = "Monday", start = "9 am", end = "18:00" } },
            maxAttempts = 0,
            abandonCap = 0.05,
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "name", "departmentId", "callerId", "callingWindows[0]", "maxAttempts", "abandonCap" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }
    }

    [Fact]
    public async Task Agents_and_other_departments_supervisors_cannot_see_or_control_a_campaign()
    {
        var id = (await _s.PostOkAsync("/api/campaigns", Request("Autumn"))).Id();

        Assert.Equal(HttpStatusCode.Forbidden, (await _a.GetAsync("/api/campaigns", Ct)).StatusCode);
        using (var agentStart = await _a.PostAsJsonAsync($"/api/campaigns/{id}/start", new { }, Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, agentStart.StatusCode);
        }

        Assert.Equal(0, (await _t.GetJsonAsync("/api/campaigns")).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await _t.GetAsync($"/api/campaigns/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _t.GetAsync($"/api/campaigns/{id}/stats", Ct)).StatusCode);
        using (var otherStart = await _t.PostAsJsonAsync($"/api/campaigns/{id}/start", new { }, Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, otherStart.StatusCode);
        }

        using (var otherDnc = await _t.PostAsJsonAsync($"/api/campaigns/{id}/dnc", new { number = "+74959876543" }, Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, otherDnc.StatusCode);
        }

        // A supervisor cannot create a campaign for another department either.
        using (var foreign = await _t.PostAsJsonAsync("/api/campaigns", Request("Foreign") with { DepartmentId = _sales }, Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient().GetAsync("/api/campaigns", Ct)).StatusCode);
        Assert.Equal("Draft", (await _s.GetJsonAsync($"/api/campaigns/{id}")).Str("state"));
        Assert.Single((await _admin.GetJsonAsync("/api/campaigns")).EnumerateArray());
    }

    [Fact]
    public async Task A_csv_upload_is_imported_with_progress_and_a_downloadable_error_report()
    {
        var id = (await _s.PostOkAsync("/api/campaigns", Request("Imported"))).Id();
        var csv = "phone;name\n+7 495 111-22-33;Ivanov\n+7 495 111-22-34;Petrov\nnot a phone;Sidorov\n+7 (495) 111-22-33;Ivanov again\n";

        using var upload = await _s.PostAsync($"/api/campaigns/{id}/imports", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var importId = (await upload.ReadJsonAsync()).Str("importId");

        JsonElement status;
        var waited = 0;
        do
        {
            await Task.Delay(50, Ct);
            status = await _s.GetJsonAsync($"/api/campaigns/{id}/imports/{importId}");
        }
        while (status.Str("state") == "running" && ++waited < 2400); // bounded so a stuck import fails; a loaded CI box is slow

        Assert.Equal("completed", status.Str("state"));
        Assert.Equal(4, status.GetProperty("rowsRead").GetInt64());
        Assert.Equal(2, status.GetProperty("accepted").GetInt64());
        Assert.Equal(2, status.GetProperty("rejected").GetInt64());
        Assert.Equal(1, status.GetProperty("duplicates").GetInt64());

        var report = await _s.GetStringAsync($"/api/campaigns/{id}/imports/{importId}/errors", Ct);
        Assert.Contains("not a phone", report, StringComparison.Ordinal);
        Assert.Contains("duplicate", report, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _t.GetAsync($"/api/campaigns/{id}/imports/{importId}/errors", Ct)).StatusCode);

        var stats = await _s.GetJsonAsync($"/api/campaigns/{id}/stats");
        Assert.Equal(2, stats.GetProperty("entriesByState").GetProperty("Pending").GetInt32());
    }

    [Fact]
    public async Task A_list_is_built_from_a_crm_segment_and_do_not_call_lists_are_managed()
    {
        var id = (await _s.PostOkAsync("/api/campaigns", Request("Segment"))).Id();
        var vipPhone = Crm.MoscowNumber();
        var vip = (await Crm.ClientAsync(_a, "VIP client", vipPhone)).Id();
        await Crm.ClientAsync(_a, "Other client", Crm.MoscowNumber());
        await _factory.WithDbAsync(async db =>
        {
            await db.Clients.Where(c => c.Id == vip).ExecuteUpdateAsync(s => s.SetProperty(c => c.Segment, "VIP"), Ct);
        });

        var built = await _s.PostOkAsync($"/api/campaigns/{id}/dial-list/from-segment", new { segment = "VIP" });
        Assert.Equal(1, built.GetProperty("added").GetInt32());
        var again = await _s.PostOkAsync($"/api/campaigns/{id}/dial-list/from-segment", new { segment = "VIP" });
        Assert.Equal(0, again.GetProperty("added").GetInt32());

        var dnc = await _s.PostOkAsync($"/api/campaigns/{id}/dnc", new { number = vipPhone, reason = "asked" });
        Assert.Single((await _s.GetJsonAsync($"/api/campaigns/{id}/dnc")).EnumerateArray());
        var global = await _s.PostOkAsync("/api/dnc", new { number = "8 495 000-00-01" });
        Assert.Equal("+74950000001", global.Str("number"));

        // Only an admin takes a number off the global list.
        Assert.Equal(HttpStatusCode.Forbidden, (await _s.DeleteAsync($"/api/dnc/{global.Id()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/dnc/{global.Id()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _s.DeleteAsync($"/api/campaigns/{id}/dnc/{dnc.Id()}", Ct)).StatusCode);
        Assert.Equal(0, (await _s.GetJsonAsync($"/api/campaigns/{id}/dnc")).GetArrayLength());
    }

    [Fact]
    public async Task The_campaigns_page_and_its_script_are_served_without_any_cdn()
    {
        var page = await _s.GetStringAsync("/campaigns.html", Ct);
        var script = await _s.GetStringAsync("/js/campaigns.js", Ct);

        Assert.Contains("js/campaigns.js", page, StringComparison.Ordinal);
        Assert.Contains("/api/campaigns", script, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", page + script, StringComparison.Ordinal);
    }

    private CampaignInput Request(string name) => new(
        name, _sales, [_agentA], "+7 495 123-45-67",
        [.. Weekdays.Select(d => new WindowInput(d, "09:00", "21:00"))],
        4, [new RuleInput("Busy", null, 10), new RuleInput("NoAnswer", null, 60)], 120,
        [new DispositionInput("sale", "Sale", true, false, false), new DispositionInput("callback", "Call back", false, false, true)],
        [new ScriptInput(null, null, "Hello"), new ScriptInput("VIP", null, "Dear valued client")],
        "Progressive", null);

    private sealed record CampaignInput(
        string Name, long? DepartmentId, long[] AgentIds, string CallerId, WindowInput[] CallingWindows, int MaxAttempts, RuleInput[] RetryRules,
        int DefaultRetryDelayMinutes, DispositionInput[] Dispositions, ScriptInput[] Scripts, string Pacing, double? AbandonCap);

    private sealed record WindowInput(string Day, string Start, string End);

    private sealed record RuleInput(string Outcome, string? Disposition, int DelayMinutes);

    private sealed record DispositionInput(string Code, string Label, bool IsFinal, bool AddsToDoNotCall, bool IsCallback);

    private sealed record ScriptInput(string? Segment, string? DealStage, string Text);
}
