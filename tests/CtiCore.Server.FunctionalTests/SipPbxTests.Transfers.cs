using System.Globalization;
using System.Net;
using CtiCore.Domain.Crm;
using CtiCore.Server.FunctionalTests.Infrastructure;
using CtiCore.Server.Realtime;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CtiCore.Server.FunctionalTests;

/// <summary>
/// Transfers on the built-in PBX, CTI side included: the target agent's desk pops the call before they answer, they
/// go on call and finish it, the transferring agent wraps up on their own hand-over, and both see the call. An outside
/// number goes through the configured trunk, played by sipp.
/// </summary>
public sealed partial class SipPbxTests
{
    [Fact]
    public async Task A_desk_transfer_to_an_agent_pops_their_desk_then_hands_them_the_call_and_both_wrap_up_apart()
    {
        await StartAsync();
        var caller = Digits(Crm.MoscowNumber());
        var client = (await Crm.ClientAsync(_admin, "Transfer Client Ltd", caller)).Id();
        var annaPops = new List<ScreenPop>();
        var borisPops = new List<ScreenPop>();
        var annaStates = new List<string>();
        var borisStates = new List<string>();
        var annaPort = FreePorts.Next();
        var annaPhone = PhoneAsync(annaPort, "phone-answer.xml");
        Assert.Equal(0, (await RegisterAsync("sip.anna", Crm.AgentPassword, annaPort, "agent-register.xml")).ExitCode);
        var anna = await AvailableAsync("sip.anna", pop => { lock (annaPops) { annaPops.Add(pop); } });
        anna.On<AgentDeskState>("State", s => { lock (annaStates) { annaStates.Add(s.Status); } });
        await Task.Delay(TimeSpan.FromMilliseconds(50), Ct); // Anna has waited longest: the router rings her first
        var borisPort = FreePorts.Next();
        var borisPhone = PhoneAsync(borisPort, "phone-answer-hangup.xml");
        Assert.Equal(0, (await RegisterAsync("3102", Crm.AgentPassword, borisPort, "agent-register.xml")).ExitCode);
        var boris = await AvailableAsync("sip.boris", pop => { lock (borisPops) { borisPops.Add(pop); } });
        boris.On<AgentDeskState>("State", s => { lock (borisStates) { borisStates.Add(s.Status); } });

        var call = CallAsync("trunk-wait-bye.xml", caller);
        var callId = await EventuallyAsync(() => { lock (annaPops) { return annaPops.FirstOrDefault(p => p.Stage == "talking")?.CallId; } });
        await anna.InvokeAsync("Transfer", callId, "3102", Ct);

        var (code, output) = await call;
        Assert.True(code == 0, output); // Boris's BYE reached the caller: the caller was bridged to him
        var (annaCode, annaOutput) = await annaPhone;
        Assert.True(annaCode == 0, annaOutput); // Anna's phone got its BYE once Boris answered
        var (borisCode, borisOutput) = await borisPhone;
        Assert.True(borisCode == 0, borisOutput);
        var interaction = await InteractionAsync(caller);
        var annaId = await UserIdAsync("sip.anna");
        var borisId = await UserIdAsync("sip.boris");

        // Boris's desk showed the call with the client card while his phone rang, then he talked and finished it.
        await EventuallyAsync(() => { lock (borisPops) { return borisPops.Any(p => p.CallId == callId && p.Stage == "ended") ? "ended" : null; } });
        List<ScreenPop> seen;
        lock (borisPops)
        {
            seen = borisPops.Where(p => p.CallId == callId).ToList();
        }
        var ringing = seen.FindIndex(p => p.Stage == "ringing");
        Assert.True(ringing >= 0, "Boris's desk never showed the ringing transfer");
        Assert.Equal(client, seen[ringing].Client?.Id);
        Assert.True(seen.FindIndex(p => p.Stage == "talking") > ringing, "Boris never talked after the ringing pop");
        // (Each state push reads the agent as they are when it runs, so the short reservation may be gone by then.)
        await EventuallyAsync(() => { lock (borisStates) { return borisStates.Contains("WrapUp") ? "wrap-up" : null; } });
        lock (borisStates)
        {
            Assert.True(borisStates.IndexOf("OnCall") >= 0 && borisStates.IndexOf("OnCall") < borisStates.LastIndexOf("WrapUp"), string.Join(",", borisStates));
        }
        // Anna's part ended at the transfer: wrap-up, and the call stays on her desk, marked transferred.
        await EventuallyAsync(() => { lock (annaPops) { return annaPops.Any(p => p.CallId == callId && p.Stage == "transferred") ? "kept" : null; } });
        lock (annaStates)
        {
            Assert.Contains("WrapUp", annaStates);
        }

        Assert.Equal(CallOutcome.Answered, interaction.Outcome);
        Assert.Equal(borisId, interaction.AgentId);
        var handedOver = Assert.Single(await TransfersAsync(callId));
        Assert.Equal((annaId, borisId, "SIP/3102"), (handedOver.FromAgentId, handedOver.ToAgentId, handedOver.Destination));

        // Each agent's wrap-up lands on their own part of the call.
        await anna.InvokeAsync<long>("SubmitWrapUp", new WrapUpRequest(callId, "Sent to sales", "Anna: wants a quote", null, null), Ct);
        await boris.InvokeAsync<long>("SubmitWrapUp", new WrapUpRequest(callId, "Quote sent", "Boris: quote 42", null, null), Ct);
        Interaction stored = null!;
        CallTransfer storedTransfer = null!;
        await _factory.WithDbAsync(async db =>
        {
            stored = await db.Interactions.AsNoTracking().SingleAsync(i => i.CallKey == callId, Ct);
            storedTransfer = await db.CallTransfers.AsNoTracking().SingleAsync(t => t.CallKey == callId, Ct);
        });
        Assert.Equal(("Quote sent", "Boris: quote 42"), (stored.Disposition, stored.Notes));
        Assert.Equal(("Sent to sales", "Anna: wants a quote"), (storedTransfer.Disposition, storedTransfer.Notes));

        // Both see the call in their own history; an uninvolved agent of the same department does not.
        await _admin.PostOkAsync("/api/users", new { login = "sip.vera", displayName = "sip.vera", password = Crm.AgentPassword, role = "Agent", departmentId = (long?)null, extension = "3103" });
        foreach (var login in new[] { "sip.anna", "sip.boris" })
        {
            var agent = await AgentClientAsync(login);
            Assert.Contains(interaction.Id, (await agent.GetJsonAsync("/api/interactions")).ItemIds());
            var detail = await agent.GetJsonAsync($"/api/interactions/{interaction.Id.ToString(CultureInfo.InvariantCulture)}");
            var transfer = Assert.Single(detail.GetProperty("transfers").EnumerateArray().ToList());
            Assert.Equal(annaId, transfer.GetProperty("fromAgentId").GetInt64());
            Assert.Equal("Anna: wants a quote", transfer.Str("notes"));
        }
        var vera = await AgentClientAsync("sip.vera");
        using var hidden = await vera.GetAsync($"/api/interactions/{interaction.Id.ToString(CultureInfo.InvariantCulture)}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.DoesNotContain(interaction.Id, (await vera.GetJsonAsync("/api/interactions")).ItemIds());
    }

    [Fact]
    public async Task A_desk_transfer_to_an_outside_number_dials_the_trunk_bridges_the_caller_and_wraps_the_agent_up()
    {
        var trunkPort = FreePorts.Next();
        await StartAsync(extra: new Dictionary<string, string?>
        {
            ["Cti:Sip:Trunk"] = "127.0.0.1:" + trunkPort.ToString(CultureInfo.InvariantCulture),
            ["Recording:Enabled"] = "true",
            ["Recording:LinkInterval"] = "00:00:00.200",
            ["Recording:BitratePerChannel"] = "12000",
        });
        var outside = Digits(Crm.MoscowNumber());
        var dialFile = Path.Combine(Path.GetTempPath(), $"cticore-dialled-{Guid.NewGuid():N}.txt");
        var trunk = PhoneAsync(trunkPort, "outside-answer-media.xml", "-key", "dial_file", dialFile);
        var pops = new List<ScreenPop>();
        var states = new List<string>();
        var annaPort = FreePorts.Next();
        // Anna's phone sends no audio: whatever the recording hears on the agent side after the transfer is the trunk's.
        var annaPhone = PhoneAsync(annaPort, "phone-answer-pcma.xml");
        Assert.Equal(0, (await RegisterAsync("sip.anna", Crm.AgentPassword, annaPort, "agent-register.xml")).ExitCode);
        var anna = await AvailableAsync("sip.anna", pop => { lock (pops) { pops.Add(pop); } });
        anna.On<AgentDeskState>("State", s => { lock (states) { states.Add(s.Status); } });

        var caller = Digits(Crm.MoscowNumber());
        var call = CallAsync("trunk-media.xml", caller);
        var callId = await EventuallyAsync(() => { lock (pops) { return pops.FirstOrDefault(p => p.Stage == "talking")?.CallId; } });
        await anna.InvokeAsync("Transfer", callId, outside, Ct);

        var (code, output) = await call;
        Assert.True(code == 0, output);
        var (trunkCode, trunkOutput) = await trunk;
        Assert.True(trunkCode == 0, trunkOutput); // INVITE with a number, 200, ACK, then the caller's BYE relayed to it
        var (annaCode, annaOutput) = await annaPhone;
        Assert.True(annaCode == 0, annaOutput); // Anna's phone was let go with a BYE once the trunk answered
        try
        {
            Assert.Equal(outside, (await File.ReadAllTextAsync(dialFile, Ct)).Trim());
        }
        finally
        {
            File.Delete(dialFile);
        }

        var interaction = await LinkedRecordingAsync(caller);
        Assert.Equal(CallOutcome.Answered, interaction.Outcome);
        Assert.Equal(await UserIdAsync("sip.anna"), interaction.AgentId); // nobody of ours took it after her
        Assert.Contains(outside, interaction.Notes ?? string.Empty, StringComparison.Ordinal);
        var handedOver = Assert.Single(await TransfersAsync(callId));
        Assert.Equal((await UserIdAsync("sip.anna"), (long?)null, outside), (handedOver.FromAgentId, handedOver.ToAgentId, handedOver.Destination));
        await EventuallyAsync(() => { lock (states) { return states.Contains("WrapUp") ? "wrap-up" : null; } });

        // Audio relayed: the agent side of the recording carries speech, and only the trunk sent any there.
        var agentSide = StereoRecording.Read(_factory.Services, interaction.RecordingKey!).Agent;
        Assert.True(StereoRecording.Rms(agentSide) > 100, $"agent-side RMS {StereoRecording.Rms(agentSide)}: the trunk's audio did not reach the call");
    }

    [Fact]
    public async Task A_transfer_target_answering_in_another_g711_law_is_refused_released_and_the_agent_keeps_the_caller()
    {
        // The caller's leg talks PCMU; the relay does not transcode, so the target is offered PCMU only, and a phone
        // that answers PCMA all the same is refused with 488 (docs/sip.md).
        await StartAsync();
        var borisStates = new List<string>();
        var borisPops = new List<ScreenPop>();
        var annaPort = FreePorts.Next();
        var annaPhone = PhoneAsync(annaPort, "phone-refer-refused-488.xml", "-key", "transfer_to", "3102");
        Assert.Equal(0, (await RegisterAsync("sip.anna", Crm.AgentPassword, annaPort, "agent-register.xml")).ExitCode);
        await AvailableAsync("sip.anna");
        await Task.Delay(TimeSpan.FromMilliseconds(50), Ct); // Anna has waited longest: the router rings her first
        var borisPort = FreePorts.Next();
        var borisPhone = PhoneAsync(borisPort, "phone-answer-pcma.xml");
        Assert.Equal(0, (await RegisterAsync("3102", Crm.AgentPassword, borisPort, "agent-register.xml")).ExitCode);
        var boris = await AvailableAsync("sip.boris", pop => { lock (borisPops) { borisPops.Add(pop); } });
        boris.On<AgentDeskState>("State", s => { lock (borisStates) { borisStates.Add(s.Status); } });

        var caller = Digits(Crm.MoscowNumber());
        var (code, output) = await CallAsync("trunk-wait-bye.xml", caller);
        Assert.True(code == 0, output); // Anna's own BYE reached the caller: she kept the call
        var (annaCode, annaOutput) = await annaPhone;
        Assert.True(annaCode == 0, annaOutput); // NOTIFY 488 after NOTIFY 100
        var (borisCode, borisOutput) = await borisPhone;
        Assert.True(borisCode == 0, borisOutput); // his answer was taken down with a BYE

        var interaction = await InteractionAsync(caller);
        Assert.Equal(await UserIdAsync("sip.anna"), interaction.AgentId);
        Assert.Empty(await TransfersAsync(interaction.CallKey));
        // Boris's desk popped the call while his phone rang; the refusal withdrew it and left him available, not reserved.
        await EventuallyAsync(() => { lock (borisPops) { return borisPops.Any(p => p.CallKeyIs(interaction.CallKey, "withdrawn")) ? "withdrawn" : null; } });
        lock (borisPops)
        {
            Assert.Contains(borisPops, p => p.CallKeyIs(interaction.CallKey, "ringing"));
        }
        await EventuallyAsync(() => { lock (borisStates) { return borisStates.Count > 0 && borisStates[^1] == "Available" ? "available" : null; } });
        var agents = _factory.Services.GetRequiredService<Orleans.IGrainFactory>();
        Assert.Equal(CtiCore.Domain.Routing.AgentStatus.Available, (await agents.GetGrain<CtiCore.Abstractions.Agents.IAgentGrain>(await UserIdAsync("sip.boris")).GetViewAsync()).Status);
    }

    private async Task<List<CallTransfer>> TransfersAsync(string callKey)
    {
        List<CallTransfer> transfers = [];
        await _factory.WithDbAsync(async db => transfers = await db.CallTransfers.AsNoTracking().Where(t => t.CallKey == callKey).OrderBy(t => t.Position).ToListAsync(Ct));
        return transfers;
    }

    private async Task<HttpClient> AgentClientAsync(string login)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await _factory.TokenAsync(login, Crm.AgentPassword));
        return client;
    }
}

internal static class ScreenPopTestExtensions
{
    public static bool CallKeyIs(this ScreenPop pop, string callKey, string stage) => pop.CallId == callKey && pop.Stage == stage;
}
