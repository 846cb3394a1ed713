using System.Collections.Concurrent;
using System.Text.Json;
using CtiCore.Abstractions.Telephony;
using CtiCore.Domain.Campaigns;
using CtiCore.Domain.Telephony;
using CtiCore.Server.FunctionalTests.Infrastructure;
using CtiCore.Server.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CtiCore.Server.FunctionalTests;

/// <summary>
/// A campaign call at the agent's desk over the real server (real SQLite, real grains): the PBX's answer and
/// hang-up are injected as PBX-neutral events, the originate and route commands land in the logging sink.
/// Own server: the campaign must see exactly this agent.
/// </summary>
public sealed class CampaignDeskTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly string[] Days = Enum.GetNames<DayOfWeek>();
    private static readonly string[] AgentEndpoints = ["PJSIP/2101"];
    private readonly CtiServerFactory _factory = new();
    private readonly ConcurrentQueue<JsonElement> _pops = new();
    private readonly SemaphoreSlim _popSignal = new(0);
    private HttpClient _admin = null!;
    private HttpClient _supervisor = null!;
    private HubConnection _agent = null!;
    private long _sales;
    private long _agentId;
    private int _sequence;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _admin = await _factory.AdminAsync();
        _sales = await Crm.DepartmentAsync(_admin, "Sales");
        _agentId = (await _admin.PostOkAsync("/api/users", new { login = "desk.a", displayName = "Anna", password = Crm.AgentPassword, role = "Agent", departmentId = _sales, extension = "2101", endpoints = AgentEndpoints })).Id();
        await Crm.UserAsync(_admin, "desk.s", "Supervisor", _sales);
        _supervisor = await _factory.LoginWithTokenAsync("desk.s", Crm.AgentPassword);

        // No wrap-up pause between the calls of this test.
        await _factory.WithDbAsync(async db =>
        {
            var department = await db.Departments.SingleAsync(d => d.Id == _sales, Ct);
            department.Routing.WrapUpSeconds = 0;
            await db.SaveChangesAsync(Ct);
        });

        _agent = _factory.Hub("/hubs/agent", await _factory.TokenAsync("desk.a", Crm.AgentPassword));
        _agent.On<JsonElement>("Pop", pop =>
        {
            _pops.Enqueue(pop);
            _popSignal.Release();
        });
        await _agent.StartAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _agent.DisposeAsync();
        await _factory.DisposeAsync();
        _popSignal.Dispose();
    }

    [Fact]
    public async Task The_pop_carries_the_script_for_the_clients_segment_and_deal_stage_and_the_wrap_up_disposition_drives_the_retry()
    {
        var vipPhone = Crm.MoscowNumber();
        var retailPhone = Crm.MoscowNumber();
        var vip = (await _admin.PostOkAsync("/api/clients", new { name = "Vostok Trade", segment = "VIP", timeZone = "Europe/Moscow", phones = new[] { new { number = vipPhone } } })).Id();
        var retail = (await _admin.PostOkAsync("/api/clients", new { name = "Corner Shop", segment = "Retail", timeZone = "Europe/Moscow", phones = new[] { new { number = retailPhone } } })).Id();
        await _factory.WithDbAsync(async db =>
        {
            db.Deals.Add(new Domain.Crm.Deal { Title = "Pallets", Stage = "Negotiation", ClientId = vip, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(Ct);
        });

        var campaign = await _supervisor.PostOkAsync("/api/campaigns", new
        {
            name = "Spring",
            departmentId = _sales,
            agentIds = new[] { _agentId },
            callerId = "+7 495 123-45-67",
            callingWindows = Days.Select(d => new { day = d, start = "00:00", end = "00:00" }).ToArray(),
            maxAttempts = 4,
            retryRules = new[] { new { outcome = "Answered", disposition = (string?)null, delayMinutes = 120 } },
            defaultRetryDelayMinutes = 60,
            dispositions = new[]
            {
                new { code = "callback", label = "Call me back", isFinal = false, addsToDoNotCall = false, isCallback = true },
                new { code = "not-interested", label = "Not interested", isFinal = true, addsToDoNotCall = false, isCallback = false },
            },
            scripts = new[]
            {
                new { segment = (string?)null, dealStage = (string?)null, text = "Hello, default script" },
                new { segment = (string?)"VIP", dealStage = (string?)null, text = "Dear valued client" },
                new { segment = (string?)"VIP", dealStage = (string?)"Negotiation", text = "About the offer we are negotiating" },
            },
            pacing = "Progressive",
        });
        var campaignId = campaign.Id();
        await _factory.WithDbAsync(async db =>
        {
            foreach (var (clientId, phone) in new[] { (vip, vipPhone), (retail, retailPhone) })
            {
                var e164 = await db.PhoneNumbers.Where(p => p.ClientId == clientId).Select(p => p.E164).FirstAsync(Ct);
                db.DialListEntries.Add(new DialListEntry { CampaignId = campaignId, E164 = e164, OriginalText = phone, ClientId = clientId, CreatedAt = DateTimeOffset.UtcNow });
            }

            await db.SaveChangesAsync(Ct);
        });

        var expectedScript = new Dictionary<long, string> { [vip] = "About the offer we are negotiating", [retail] = "Hello, default script" };
        var expectedStage = new Dictionary<long, string?> { [vip] = "Negotiation", [retail] = null };
        await _agent.InvokeAsync("SetAvailable", Ct);
        await _supervisor.PostOkAsync($"/api/campaigns/{campaignId}/start", new { });

        var seen = new HashSet<long>();
        while (seen.Count < 2)
        {
            var (callId, entry) = await NextCampaignCallAsync(campaignId, seen);
            var clientId = entry.ClientId!.Value;
            seen.Add(entry.Id);

            // The callee answers; the campaign hands the call to the agent, whose phone rings with the pop.
            await PublishAsync(new CallAnswered { EventId = callId + ":answered", Source = "test", Sequence = ++_sequence, OccurredAt = DateTimeOffset.UtcNow, CallId = callId });
            var ringing = await PopAsync(callId, "ringing");
            var popCampaign = ringing.GetProperty("campaign");
            Assert.Equal(campaignId, popCampaign.GetProperty("id").GetInt64());
            Assert.Equal(expectedScript[clientId], popCampaign.Str("script"));
            Assert.Equal(expectedStage[clientId], popCampaign.TryGetProperty("dealStage", out var stage) ? stage.GetString() : null);
            Assert.Equal(clientId, ringing.GetProperty("client").GetProperty("id").GetInt64());
            Assert.Equal(2, popCampaign.GetProperty("dispositions").GetArrayLength());

            await PublishAsync(new CallAnswered { EventId = callId + ":agent", Source = "test", Sequence = ++_sequence, OccurredAt = DateTimeOffset.UtcNow, CallId = callId, Endpoint = "PJSIP/2101" });
            Assert.Equal(expectedScript[clientId], (await PopAsync(callId, "talking")).GetProperty("campaign").Str("script"));
            await PublishAsync(new CallEnded { EventId = callId + ":ended", Source = "test", Sequence = ++_sequence, OccurredAt = DateTimeOffset.UtcNow, CallId = callId, Cause = CallEndCause.CallerHungUp });
            var ended = await PopAsync(callId, "ended");
            Assert.True(ended.GetProperty("interactionId").GetInt64() > 0);

            // A code the campaign does not know is refused, and nothing changes.
            await Assert.ThrowsAsync<HubException>(() => _agent.InvokeAsync<long>("SubmitWrapUp", new { callId, disposition = "maybe" }, Ct));
            Assert.Equal(DialOutcome.Answered, (await EntryAsync(entry.Id)).LastOutcome);
            Assert.Null((await EntryAsync(entry.Id)).LastDisposition);

            if (clientId == vip)
            {
                var callbackAt = DateTimeOffset.UtcNow.AddHours(5);
                callbackAt = callbackAt.AddTicks(-(callbackAt.Ticks % TimeSpan.TicksPerSecond));
                await _agent.InvokeAsync<long>("SubmitWrapUp", new { callId, disposition = "callback", notes = "after lunch", callbackAt }, Ct);
                var updated = await EntryAsync(entry.Id);
                Assert.Equal((DialListEntryState.Pending, "callback", 1), (updated.State, updated.LastDisposition, updated.Attempts));
                Assert.Equal(callbackAt, updated.NextAttemptAt);
            }
            else
            {
                await _agent.InvokeAsync<long>("SubmitWrapUp", new { callId, disposition = "not-interested" }, Ct);
                var updated = await EntryAsync(entry.Id);
                Assert.Equal((DialListEntryState.Completed, "not-interested", 1), (updated.State, updated.LastDisposition, updated.Attempts));
                Assert.Null(updated.NextAttemptAt);
            }

            var interaction = await _admin.GetJsonAsync($"/api/interactions/{ended.GetProperty("interactionId").GetInt64()}");
            Assert.Equal(clientId == vip ? "callback" : "not-interested", interaction.Str("disposition"));
        }

        var stats = await _supervisor.GetJsonAsync($"/api/campaigns/{campaignId}/stats");
        var dispositions = stats.GetProperty("live").GetProperty("dispositions");
        Assert.Equal(1, dispositions.GetProperty("callback").GetInt32());
        Assert.Equal(1, dispositions.GetProperty("not-interested").GetInt32());
        await _supervisor.PostOkAsync($"/api/campaigns/{campaignId}/pause", new { });
    }

    private async Task<(string CallId, DialListEntry Entry)> NextCampaignCallAsync(long campaignId, HashSet<long> seen)
    {
        var pbx = (LoggingPbxCommandSink)_factory.Services.GetRequiredKeyedService<ITelephonyCommandSink>(RealtimeHostingExtensions.PbxCommandSinkKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Patience);
        while (true)
        {
            var originate = pbx.Sent.OfType<CampaignOriginateCommand>().FirstOrDefault(c => c.CampaignId == campaignId && !seen.Contains(c.EntryId));
            if (originate is not null)
            {
                return (originate.CallId, await EntryAsync(originate.EntryId));
            }

            if (timeout.IsCancellationRequested)
            {
                Assert.Fail("no call was placed: " + (await _supervisor.GetJsonAsync($"/api/campaigns/{campaignId}/stats")));
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    private async Task<DialListEntry> EntryAsync(long entryId)
    {
        DialListEntry? entry = null;
        await _factory.WithDbAsync(async db => entry = await db.DialListEntries.AsNoTracking().SingleAsync(e => e.Id == entryId, Ct));
        return entry!;
    }

    private async Task<JsonElement> PopAsync(string callId, string stage)
    {
        while (true)
        {
            var found = _pops.FirstOrDefault(p => p.Str("callId") == callId && p.Str("stage") == stage);
            if (found.ValueKind != JsonValueKind.Undefined)
            {
                return found;
            }

            if (!await _popSignal.WaitAsync(Patience, CancellationToken.None))
            {
                var logs = string.Join('\n', _factory.ReadLogs().Split('\n').Where(l => l.Contains("WRN", StringComparison.Ordinal) || l.Contains("ERR", StringComparison.Ordinal) || l.Contains("ampaign", StringComparison.Ordinal)).TakeLast(30));
                Assert.Fail($"no {stage} pop for {callId}; pops: {string.Join(", ", _pops.Select(p => p.Str("callId") + "/" + p.Str("stage")))}\n{logs}");
            }
        }
    }

    private Task PublishAsync(TelephonyEvent telephonyEvent) =>
        _factory.Services.GetRequiredService<ITelephonyEventSink>().PublishAsync(telephonyEvent, Ct);
}
