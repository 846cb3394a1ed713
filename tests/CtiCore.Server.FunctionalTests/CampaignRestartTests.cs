using System.Net;
using System.Text;
using CtiCore.Data;
using CtiCore.Domain.Campaigns;
using CtiCore.Domain.Telephony;
using CtiCore.Server.FunctionalTests.Infrastructure;
using CtiCore.Server.Realtime;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CtiCore.Server.FunctionalTests;

/// <summary>
/// The host is stopped and started again on the same data folder (the same SQLite file): a running campaign goes
/// on by itself, the call that was being dialled is not dialled again, and imports keep their progress.
/// </summary>
public sealed class CampaignRestartTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly string[] AgentEndpoints = ["PJSIP/2201"];
    private readonly TempFolder _data = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_running_campaign_resumes_after_a_restart_without_dialling_the_interrupted_entry_twice_and_imports_keep_their_progress()
    {
        long campaignId, firstEntry, otherEntry;
        string completedImport;
        const string cutOffImport = "0123456789abcdef0123456789abcdef";

        await using (var first = NewServer())
        {
            var admin = await first.AdminAsync();
            var sales = await Crm.DepartmentAsync(admin, "Sales");
            var agentId = (await admin.PostOkAsync("/api/users", new { login = "restart.a", displayName = "Anna", password = Crm.AgentPassword, role = "Agent", departmentId = sales, extension = "2201", endpoints = AgentEndpoints })).Id();
            await Crm.UserAsync(admin, "restart.s", "Supervisor", sales);
            var supervisor = await first.LoginWithTokenAsync("restart.s", Crm.AgentPassword);
            campaignId = (await supervisor.PostOkAsync("/api/campaigns", new
            {
                name = "Restartable",
                departmentId = sales,
                agentIds = new[] { agentId },
                callerId = "+7 495 123-45-67",
                callingWindows = Enum.GetNames<DayOfWeek>().Select(d => new { day = d, start = "00:00", end = "00:00" }).ToArray(),
                maxAttempts = 3,
                pacing = "Progressive",
            })).Id();

            // The list comes in through an import, whose result must outlive the restart.
            var csv = $"phone;timezone\n{Crm.MoscowNumber()};Europe/Moscow\n{Crm.MoscowNumber()};Europe/Moscow\nnot a phone;Europe/Moscow\n";
            using (var upload = await supervisor.PostAsync($"/api/campaigns/{campaignId}/imports", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct))
            {
                Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
                completedImport = (await upload.ReadJsonAsync()).Str("importId");
            }

            await UntilAsync(async () => (await supervisor.GetJsonAsync($"/api/campaigns/{campaignId}/imports/{completedImport}")).Str("state") != "running", "the import ends");

            // An import the previous process was still running when it died: its row says running.
            await first.WithDbAsync(async db =>
            {
                db.DialListImports.Add(new DialListImport { Id = cutOffImport, CampaignId = campaignId, State = DialListImport.Running, RowsRead = 500, Accepted = 480, Rejected = 20, StartedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow });
                await db.SaveChangesAsync(Ct);
            });

            await using var agent = first.Hub("/hubs/agent", await first.TokenAsync("restart.a", Crm.AgentPassword));
            await agent.StartAsync(Ct);
            await agent.InvokeAsync("SetAvailable", Ct);
            await supervisor.PostOkAsync($"/api/campaigns/{campaignId}/start", new { });

            // One agent, progressive: one call, left ringing when the server goes down.
            var originate = await OriginateAsync(first, campaignId, _ => true);
            firstEntry = originate.EntryId;
            otherEntry = await QueryAsync(first, db => db.DialListEntries.Where(e => e.CampaignId == campaignId && e.Id != firstEntry).Select(e => e.Id).SingleAsync(Ct));
            Assert.Equal(DialListEntryState.Dialing, (await EntryAsync(first, firstEntry)).State);
        }

        await using var second = NewServer();
        var restartedAt = DateTimeOffset.UtcNow;
        var supervisor2 = await second.LoginWithTokenAsync("restart.s", Crm.AgentPassword);
        await using (var agent = second.Hub("/hubs/agent", await second.TokenAsync("restart.a", Crm.AgentPassword)))
        {
            await agent.StartAsync(Ct);
            await agent.InvokeAsync("SetAvailable", Ct);

            // Nobody touches the campaign: it resumed by itself and dials the other entry, never the interrupted one.
            var resumed = await OriginateAsync(second, campaignId, _ => true);
            Assert.Equal(otherEntry, resumed.EntryId);
        }

        var interrupted = await EntryAsync(second, firstEntry);
        Assert.Equal((DialListEntryState.Pending, DialOutcome.Failed, 1), (interrupted.State, interrupted.LastOutcome, interrupted.Attempts));
        Assert.True(interrupted.NextAttemptAt >= restartedAt.AddMinutes(59), $"retried at {interrupted.NextAttemptAt}, restarted at {restartedAt}");
        var pbx = (LoggingPbxCommandSink)second.Services.GetRequiredKeyedService<ITelephonyCommandSink>(RealtimeHostingExtensions.PbxCommandSinkKey);
        Assert.DoesNotContain(pbx.Sent.OfType<CampaignOriginateCommand>(), o => o.EntryId == firstEntry);

        var stats = await supervisor2.GetJsonAsync($"/api/campaigns/{campaignId}/stats");
        Assert.Equal("Running", stats.GetProperty("live").Str("state"));

        var completed = await supervisor2.GetJsonAsync($"/api/campaigns/{campaignId}/imports/{completedImport}");
        Assert.Equal(("completed", 3L, 2L, 1L), (completed.Str("state"), completed.GetProperty("rowsRead").GetInt64(), completed.GetProperty("accepted").GetInt64(), completed.GetProperty("rejected").GetInt64()));
        var cutOff = await supervisor2.GetJsonAsync($"/api/campaigns/{campaignId}/imports/{cutOffImport}");
        Assert.Equal(("interrupted", 500L, 480L), (cutOff.Str("state"), cutOff.GetProperty("rowsRead").GetInt64(), cutOff.GetProperty("accepted").GetInt64()));
        Assert.Contains("restarted", cutOff.Str("error"), StringComparison.Ordinal);
        var all = await supervisor2.GetJsonAsync($"/api/campaigns/{campaignId}/imports");
        Assert.Equal(2, all.GetArrayLength());

        await supervisor2.PostOkAsync($"/api/campaigns/{campaignId}/pause", new { });
    }

    private CtiServerFactory NewServer() => new(new Dictionary<string, string?> { ["Cti:DataFolder"] = Path.Combine(_data.Path, "data") });

    private static async Task<CampaignOriginateCommand> OriginateAsync(CtiServerFactory server, long campaignId, Func<CampaignOriginateCommand, bool> match)
    {
        var pbx = (LoggingPbxCommandSink)server.Services.GetRequiredKeyedService<ITelephonyCommandSink>(RealtimeHostingExtensions.PbxCommandSinkKey);
        CampaignOriginateCommand? found = null;
        await UntilAsync(() => Task.FromResult((found = pbx.Sent.OfType<CampaignOriginateCommand>().FirstOrDefault(c => c.CampaignId == campaignId && match(c))) is not null), "a campaign call is placed");
        return found!;
    }

    private static async Task<DialListEntry> EntryAsync(CtiServerFactory server, long entryId) =>
        await QueryAsync(server, db => db.DialListEntries.AsNoTracking().SingleAsync(e => e.Id == entryId, Ct));

    private static async Task<T> QueryAsync<T>(CtiServerFactory server, Func<CrmDbContext, Task<T>> query)
    {
        T result = default!;
        await server.WithDbAsync(async db => result = await query(db));
        return result;
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting until " + what);
            await Task.Delay(100, Ct);
        }
    }
}
