using CtiCore.Abstractions.Campaigns;
using CtiCore.Domain.Campaigns;
using CtiCore.Domain.Crm;
using CtiCore.Domain.Routing;
using CtiCore.Domain.Telephony;
using CtiCore.Grains.Tests.Infrastructure;

namespace CtiCore.Grains.Tests.Scenarios;

/// <summary>
/// The campaign grain on the fake clock: the PBX is played by the test through the real event dispatcher
/// (campaign call ids reach the campaign grain), commands are read from the recording sink.
/// </summary>
[Collection(CampaignClusterGroup.Name)]
public sealed class CampaignScenarioTests(CampaignClusterFixture cluster) : ScenarioBase(cluster)
{
    private static readonly TimeSpan BusyDelay = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan NoAnswerDelay = TimeSpan.FromHours(1);
    private long _sequence;

    private InMemoryCampaignStore Store => cluster.Campaigns;

    private ICampaignGrain CampaignGrain(long id) => Cluster.Grains.GetGrain<ICampaignGrain>(id);

    [Fact]
    public async Task Progressive_dials_one_call_per_ready_agent_rings_15_s_and_connects_an_answer_to_an_agent()
    {
        var campaign = Staff(campaignId: 101, departmentId: 1101, agentIds: [110101, 110102]);
        var entries = Enumerable.Range(0, 5).Select(i => Store.AddEntry(campaign.Id, $"+7495111000{i}")).ToList();
        await LogInAsync(campaign);

        await CampaignGrain(campaign.Id).StartAsync();
        await CampaignGrain(campaign.Id).TickAsync();

        var originated = Originates(campaign.Id);
        Assert.Equal(campaign.AgentIds.Count, originated.Count);
        Assert.All(originated, o =>
        {
            Assert.True(o.RingTimeout >= DialCompliance.MinimumRingDuration);
            Assert.Equal(campaign.CallerId, o.CallerId);
            Assert.Equal(DialListEntryState.Dialing, Store.Entry(o.EntryId).State);
        });

        // The same ready agents, the calls still ringing: progressive places nothing more.
        await CampaignGrain(campaign.Id).TickAsync();
        Assert.Equal(originated.Count, Originates(campaign.Id).Count);

        var call = originated[0];
        await PublishAsync(DialResult(call.CallId, answered: true, CallEndCause.Unknown));
        var route = await Eventually.Until(() => Task.FromResult(World.Commands.Of<RouteToEndpointCommand>(call.CallId)), r => r.Count == 1, "route to an agent");
        var agentId = route[0].AgentId;
        Assert.Contains(agentId, campaign.AgentIds);
        await PublishAsync(Answered(call.CallId, route[0].Endpoint));
        Assert.Equal(AgentStatus.OnCall, (await Cluster.Agent(agentId).GetViewAsync()).Status);

        World.Time.Advance(TimeSpan.FromSeconds(90));
        await PublishAsync(Ended(call.CallId, CallEndCause.AgentHungUp));

        var entry = Store.Entry(call.EntryId);
        Assert.Equal(1, entry.Attempts);
        Assert.Equal(DialOutcome.Answered, entry.LastOutcome);
        Assert.Equal(DialListEntryState.Pending, entry.State);
        var logged = cluster.Crm.InteractionOf(call.CallId);
        Assert.NotNull(logged);
        Assert.Equal(campaign.Id, logged.CampaignId);
        Assert.Equal(CallOutcome.Answered, logged.Outcome);
        Assert.Equal(CallDirection.Outbound, logged.Direction);
        Assert.Equal(agentId, logged.AgentId);
        Assert.Equal(90, logged.TalkSeconds);

        var view = await CampaignGrain(campaign.Id).GetViewAsync();
        Assert.Equal(1, view.Attempts);
        Assert.Equal(1, view.Contacts);
        Assert.Equal(0, view.AbandonRateControl);
        Assert.Equal(entries.Count, entries.Count(e => Store.Entry(e.Id).State != DialListEntryState.Completed));
    }

    [Fact]
    public async Task An_agent_cooling_down_after_a_busy_phone_is_neither_paced_for_nor_connected_until_it_ends()
    {
        var campaign = Staff(campaignId: 115, departmentId: 1115, agentIds: [111501, 111502]);
        foreach (var i in Enumerable.Range(0, 4))
        {
            Store.AddEntry(campaign.Id, $"+7495115000{i}");
        }
        await LogInAsync(campaign);

        // The first agent's phone answered busy to an inbound call: free, but offered nothing for two minutes.
        var cooling = Cluster.Agent(111501);
        Assert.True((await cooling.TryReserveAsync("inbound-busy")).Reserved);
        await cooling.RingBusyAsync("inbound-busy", TimeSpan.FromMinutes(2));
        Assert.Equal(AgentStatus.Available, (await cooling.GetViewAsync()).Status);

        await CampaignGrain(campaign.Id).StartAsync();
        await CampaignGrain(campaign.Id).TickAsync();
        var originated = Originates(campaign.Id);
        Assert.Single(originated); // progressive: one call per ready agent, and the cooling one is not ready

        await PublishAsync(DialResult(originated[0].CallId, answered: true, CallEndCause.Unknown));
        var route = await Eventually.Until(() => Task.FromResult(World.Commands.Of<RouteToEndpointCommand>(originated[0].CallId)), r => r.Count == 1, "route to an agent");
        Assert.Equal(111502, route[0].AgentId);

        World.Time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        await CampaignGrain(campaign.Id).TickAsync();
        await Eventually.Until(() => Task.FromResult(Originates(campaign.Id)), o => o.Count == 2, "a call paced for the agent whose cool-down ended");
    }

    [Theory]
    [InlineData(CallEndCause.Busy, DialOutcome.Busy, CallOutcome.Busy)]
    [InlineData(CallEndCause.NoAnswer, DialOutcome.NoAnswer, CallOutcome.Missed)]
    [InlineData(CallEndCause.Failed, DialOutcome.Failed, CallOutcome.Failed)]
    public async Task An_unanswered_call_updates_its_entry_by_outcome_and_is_logged(CallEndCause cause, DialOutcome expected, CallOutcome logged)
    {
        var campaign = Staff(campaignId: 200 + (int)cause, departmentId: 1200 + (int)cause, agentIds: [120000 + (int)cause]);
        Store.AddEntry(campaign.Id, $"+749522200{(int)cause:00}");
        await LogInAsync(campaign);
        await CampaignGrain(campaign.Id).StartAsync();
        await CampaignGrain(campaign.Id).TickAsync();
        var call = Assert.Single(Originates(campaign.Id));

        World.Time.Advance(TimeSpan.FromSeconds(20));
        var endedAt = World.Time.GetUtcNow();
        await PublishAsync(DialResult(call.CallId, answered: false, cause));

        var entry = Store.Entry(call.EntryId);
        Assert.Equal(DialListEntryState.Pending, entry.State);
        Assert.Equal(1, entry.Attempts);
        Assert.Equal(expected, entry.LastOutcome);
        Assert.Equal(endedAt + RetryScheduler.DelayFor(campaign, expected, null), entry.NextAttemptAt);
        Assert.Equal(logged, cluster.Crm.InteractionOf(call.CallId)?.Outcome);
        Assert.Equal(campaign.Id, cluster.Crm.InteractionOf(call.CallId)?.CampaignId);

        // The retry is not due yet: the next round does not dial the entry again.
        await CampaignGrain(campaign.Id).TickAsync();
        Assert.Single(Originates(campaign.Id));
    }

    [Fact]
    public async Task Predictive_pacing_places_more_calls_than_ready_agents_at_a_20_percent_answer_rate()
    {
        long[] team = [.. Enumerable.Range(0, 10).Select(i => 190100L + i)];
        var campaign = Staff(campaignId: 901, departmentId: 1901, agentIds: team, pacing: PacingMode.Predictive);
        for (var i = 0; i < 60; i++)
        {
            Store.AddEntry(campaign.Id, $"+74959990{i:000}");
        }

        await LogInAsync(campaign);
        await CampaignGrain(campaign.Id).StartAsync();
        await CampaignGrain(campaign.Id).TickAsync();

        var placed = Originates(campaign.Id).Count;
        Assert.True(placed > team.Length, $"placed {placed} for {team.Length} ready agents: {(await CampaignGrain(campaign.Id).GetViewAsync()).LastDecision}");
        Assert.True(placed <= team.Length * 8, "never more than 8 lines per agent");
    }

    [Fact]
    public async Task An_answer_with_no_free_agent_for_2_s_is_abandoned_counted_and_quarantined_72_h()
    {
        var campaign = Staff(campaignId: 301, departmentId: 1301, agentIds: [130101, 130102], pacing: PacingMode.Predictive);
        for (var i = 0; i < 2; i++)
        {
            Store.AddEntry(campaign.Id, $"+749533300{i}");
        }

        await LogInAsync(campaign);
        await CampaignGrain(campaign.Id).StartAsync();
        await CampaignGrain(campaign.Id).TickAsync();
        var placed = Originates(campaign.Id);
        Assert.Equal(2, placed.Count);

        // The first answer gets an agent; the other agent takes a break meanwhile, so the second answer waits 2 s in vain.
        await PublishAsync(DialResult(placed[0].CallId, answered: true, CallEndCause.Unknown));
        Assert.Single(World.Commands.Of<RouteToEndpointCommand>(placed[0].CallId));
        foreach (var id in campaign.AgentIds)
        {
            await Cluster.Agent(id).PauseAsync("Break");
        }

        await PublishAsync(DialResult(placed[1].CallId, answered: true, CallEndCause.Unknown));
        var abandonedAt = World.Time.GetUtcNow();
        World.Time.Advance(DialCompliance.MaximumAgentConnectDelay + TimeSpan.FromMilliseconds(100));
        var view = await Eventually.Until(() => CampaignGrain(campaign.Id).GetViewAsync(), v => v.AbandonRateControl > 0, "abandon counted");
        Assert.Equal(0.5, view.AbandonRate24Hours);
        Assert.Empty(World.Commands.Of<RouteToEndpointCommand>(placed[1].CallId));

        await PublishAsync(Ended(placed[1].CallId, CallEndCause.CallerHungUp));
        var entry = Store.Entry(placed[1].EntryId);
        Assert.Equal(DialOutcome.Abandoned, entry.LastOutcome);
        Assert.NotNull(entry.LastAbandonedAt);
        Assert.True(entry.NextAttemptAt >= entry.LastAbandonedAt + DialCompliance.AbandonedCallQuarantine);
        Assert.True(entry.LastAbandonedAt >= abandonedAt);
        Assert.Equal(CallOutcome.Abandoned, cluster.Crm.InteractionOf(placed[1].CallId)?.Outcome);
        Assert.Equal(1, (await CampaignGrain(campaign.Id).GetViewAsync()).Abandoned);
    }

    [Fact]
    public async Task Compliance_is_checked_at_dial_time_not_only_at_import()
    {
        var campaign = Staff(campaignId: 401, departmentId: 1401, agentIds: [140101, 140102, 140103, 140104, 140105], windows: [WindowAroundNow("Europe/Moscow")]);
        var ok = Store.AddEntry(campaign.Id, "+74954440001");
        var globalDnc = Store.AddEntry(campaign.Id, "+74954440002");
        var campaignDnc = Store.AddEntry(campaign.Id, "+74954440003");
        var abandonedElsewhere = Store.AddEntry(campaign.Id, "+74954440004");
        var outsideWindow = Store.AddEntry(campaign.Id, "+74954440005", timeZone: "Asia/Tokyo");

        // Added after the import, while the campaign is loaded.
        await CampaignGrain(campaign.Id).GetViewAsync();
        Store.AddDoNotCall(globalDnc.E164, campaignId: null);
        Store.AddDoNotCall(campaignDnc.E164, campaign.Id);
        Store.AbandonedElsewhere(abandonedElsewhere.E164, World.Time.GetUtcNow() - TimeSpan.FromHours(71));
        await CampaignGrain(campaign.Id).ReloadAsync();

        await LogInAsync(campaign);
        await CampaignGrain(campaign.Id).StartAsync();
        await CampaignGrain(campaign.Id).TickAsync();

        var dialled = Assert.Single(Originates(campaign.Id));
        Assert.Equal(ok.Id, dialled.EntryId);
        Assert.Equal(DialListEntryState.DoNotCall, Store.Entry(globalDnc.Id).State);
        Assert.Equal(DialListEntryState.DoNotCall, Store.Entry(campaignDnc.Id).State);
        Assert.Equal(DialListEntryState.Pending, Store.Entry(abandonedElsewhere.Id).State);
        Assert.Equal(0, Store.Entry(abandonedElsewhere.Id).Attempts);
        Assert.Equal(DialListEntryState.Pending, Store.Entry(outsideWindow.Id).State);
        var refusals = (await CampaignGrain(campaign.Id).GetViewAsync()).Refusals;
        Assert.Equal(2, refusals[nameof(DialRefusalReason.DoNotCall)]);
        Assert.Equal(1, refusals[nameof(DialRefusalReason.AbandonedRecently)]);
        Assert.Equal(1, refusals[nameof(DialRefusalReason.OutsideCallingWindow)]);
    }

    [Fact]
    public async Task The_last_attempt_exhausts_the_entry_and_a_final_disposition_completes_it()
    {
        var campaign = Staff(campaignId: 501, departmentId: 1501, agentIds: [150101], maxAttempts: 2);
        var exhausting = Store.AddEntry(campaign.Id, "+74955550001");
        await LogInAsync(campaign);
        await CampaignGrain(campaign.Id).StartAsync();

        for (var attempt = 1; attempt <= campaign.MaxAttempts; attempt++)
        {
            await CampaignGrain(campaign.Id).TickAsync();
            var call = Originates(campaign.Id).Single(o => o.CallId == CampaignCallId.Format(campaign.Id, exhausting.Id, attempt));
            await PublishAsync(DialResult(call.CallId, answered: false, CallEndCause.Busy));
            World.Time.Advance(BusyDelay);
        }

        Assert.Equal(DialListEntryState.Exhausted, Store.Entry(exhausting.Id).State);
        Assert.Equal(campaign.MaxAttempts, Store.Entry(exhausting.Id).Attempts);
        await CampaignGrain(campaign.Id).TickAsync();
        Assert.Equal(campaign.MaxAttempts, Originates(campaign.Id).Count);

        // An answered call closed by the agent with a final disposition ("sale").
        var sold = Store.AddEntry(campaign.Id, "+74955550002");
        await CampaignGrain(campaign.Id).TickAsync();
        var saleCall = Originates(campaign.Id).Single(o => o.EntryId == sold.Id);
        await PublishAsync(DialResult(saleCall.CallId, answered: true, CallEndCause.Unknown));
        var route = await Eventually.Until(() => Task.FromResult(World.Commands.Of<RouteToEndpointCommand>(saleCall.CallId)), r => r.Count == 1, "route");
        await PublishAsync(Answered(saleCall.CallId, route[0].Endpoint));
        await PublishAsync(Ended(saleCall.CallId, CallEndCause.CallerHungUp));
        await CampaignGrain(campaign.Id).SetDispositionAsync(saleCall.CallId, "sale", callbackAt: null);
        await CampaignGrain(campaign.Id).SetDispositionAsync(saleCall.CallId, "sale", callbackAt: null);

        var entry = Store.Entry(sold.Id);
        Assert.Equal(DialListEntryState.Completed, entry.State);
        Assert.Equal(1, entry.Attempts);
        Assert.Equal("sale", cluster.Crm.InteractionOf(saleCall.CallId)?.Disposition);
        Assert.Equal(1, (await CampaignGrain(campaign.Id).GetViewAsync()).Dispositions["sale"]);
    }

    [Fact]
    public async Task A_do_not_call_disposition_blocks_the_number_for_the_campaign()
    {
        var campaign = Staff(campaignId: 601, departmentId: 1601, agentIds: [160101]);
        var entry = Store.AddEntry(campaign.Id, "+74956660001");
        await LogInAsync(campaign);
        await CampaignGrain(campaign.Id).StartAsync();
        await CampaignGrain(campaign.Id).TickAsync();
        var call = Assert.Single(Originates(campaign.Id));
        await PublishAsync(DialResult(call.CallId, answered: true, CallEndCause.Unknown));
        await PublishAsync(Ended(call.CallId, CallEndCause.CallerHungUp));

        await CampaignGrain(campaign.Id).SetDispositionAsync(call.CallId, "dnc", callbackAt: null);

        Assert.Equal(DialListEntryState.DoNotCall, Store.Entry(entry.Id).State);
        Assert.Contains(Store.DoNotCallEntries, d => d.E164 == entry.E164 && d.CampaignId == campaign.Id);
    }

    [Fact]
    public async Task Paused_and_stopped_campaigns_place_no_calls_and_stopped_is_final()
    {
        var campaign = Staff(campaignId: 701, departmentId: 1701, agentIds: [170101]);
        Store.AddEntry(campaign.Id, "+74957770001");
        await LogInAsync(campaign);

        Assert.Equal("Draft", (await CampaignGrain(campaign.Id).GetViewAsync()).State);
        await CampaignGrain(campaign.Id).TickAsync();
        await CampaignGrain(campaign.Id).StartAsync();
        await CampaignGrain(campaign.Id).PauseAsync();
        await CampaignGrain(campaign.Id).TickAsync();
        Assert.Empty(Originates(campaign.Id));
        Assert.Equal(CampaignState.Paused, Store.StateOf(campaign.Id));

        await CampaignGrain(campaign.Id).StopAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => CampaignGrain(campaign.Id).StartAsync());
        Assert.Equal(CampaignState.Stopped, Store.StateOf(campaign.Id));
        Assert.Empty(Originates(campaign.Id));
    }

    [Fact]
    public async Task The_pacing_timer_on_the_campaign_clock_places_calls_without_being_asked()
    {
        var campaign = Staff(campaignId: 801, departmentId: 1801, agentIds: [180101], pacing: PacingMode.Preview);
        var entry = Store.AddEntry(campaign.Id, "+74958880001");
        await LogInAsync(campaign);
        await CampaignGrain(campaign.Id).StartAsync();

        // Preview: nothing is placed until the agent asks; then the call is placed with the agent reserved.
        World.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Empty(Originates(campaign.Id));
        Assert.True(await CampaignGrain(campaign.Id).DialForAgentAsync(campaign.AgentIds[0]));
        Assert.Equal(AgentStatus.Reserved, (await Cluster.Agent(campaign.AgentIds[0]).GetViewAsync()).Status);
        var call = Assert.Single(Originates(campaign.Id));
        Assert.Equal(entry.Id, call.EntryId);
        await PublishAsync(DialResult(call.CallId, answered: false, CallEndCause.NoAnswer));
        Assert.Equal(AgentStatus.Available, (await Cluster.Agent(campaign.AgentIds[0]).GetViewAsync()).Status);

        // Progressive: the timer alone dials once the retry is due.
        await CampaignGrain(campaign.Id).SetPacingAsync("Progressive");
        World.Time.Advance(NoAnswerDelay);
        World.Time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.Until(() => Task.FromResult(Originates(campaign.Id)), o => o.Count == 2, "the timer dials the retry");
    }

    [Fact]
    public async Task With_detection_a_machine_is_never_offered_to_an_agent_nor_abandoned_and_is_retried_after_the_machine_delay()
    {
        var campaign = Staff(campaignId: 1001, departmentId: 2001, agentIds: [200101]);
        campaign.DetectAnsweringMachine = true;
        campaign.RetryRules.Add(new RetryRule(DialOutcome.AnsweringMachine, TimeSpan.FromMinutes(45)));
        Store.AddEntry(campaign.Id, "+74957770001");
        Store.AddEntry(campaign.Id, "+74957770002");
        await LogInAsync(campaign);
        await CampaignGrain(campaign.Id).StartAsync();
        await CampaignGrain(campaign.Id).TickAsync();
        var machine = Assert.Single(Originates(campaign.Id));
        Assert.True(machine.DetectAnsweringMachine);

        // Answered, but while the greeting is analysed nobody is reserved, and the 2 s deadline does not run.
        await PublishAsync(DialResult(machine.CallId, answered: true, CallEndCause.Unknown));
        World.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Empty(World.Commands.Of<RouteToEndpointCommand>(machine.CallId));
        var detectedAt = World.Time.GetUtcNow();
        await PublishAsync(Detected(machine.CallId, AnsweringMachineResult.Machine));
        await PublishAsync(Ended(machine.CallId, CallEndCause.CallerHungUp));

        var entry = Store.Entry(machine.EntryId);
        Assert.Equal((DialListEntryState.Pending, DialOutcome.AnsweringMachine, 1), (entry.State, entry.LastOutcome, entry.Attempts));
        Assert.Equal(detectedAt + TimeSpan.FromMinutes(45), entry.NextAttemptAt);
        Assert.Null(entry.LastAbandonedAt);
        Assert.Empty(World.Commands.Of<RouteToEndpointCommand>(machine.CallId));
        Assert.Equal(CallOutcome.Voicemail, cluster.Crm.InteractionOf(machine.CallId)?.Outcome);
        var view = await CampaignGrain(campaign.Id).GetViewAsync();
        Assert.Equal((1, 0, 0, 0.0), (view.AnsweringMachines, view.Abandoned, view.Contacts, view.AbandonRateControl));

        // A person on the next number: offered to the agent once detection says so.
        await CampaignGrain(campaign.Id).TickAsync();
        var person = Assert.Single(Originates(campaign.Id), o => o.CallId != machine.CallId);
        await PublishAsync(DialResult(person.CallId, answered: true, CallEndCause.Unknown));
        Assert.Empty(World.Commands.Of<RouteToEndpointCommand>(person.CallId));
        await PublishAsync(Detected(person.CallId, AnsweringMachineResult.Human));
        var route = await Eventually.Until(() => Task.FromResult(World.Commands.Of<RouteToEndpointCommand>(person.CallId)), r => r.Count == 1, "route to the agent");
        Assert.Equal(campaign.AgentIds[0], route[0].AgentId);
    }

    [Fact]
    public async Task With_detection_a_verdict_that_never_comes_treats_the_answer_as_a_person_instead_of_leaving_it_silent()
    {
        var campaign = Staff(campaignId: 1004, departmentId: 2004, agentIds: [200401]);
        campaign.DetectAnsweringMachine = true;
        Store.AddEntry(campaign.Id, "+74957770301");
        await LogInAsync(campaign);
        await CampaignGrain(campaign.Id).StartAsync();
        await CampaignGrain(campaign.Id).TickAsync();
        var call = Assert.Single(Originates(campaign.Id));

        await PublishAsync(DialResult(call.CallId, answered: true, CallEndCause.Unknown));
        World.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Empty(World.Commands.Of<RouteToEndpointCommand>(call.CallId));

        // No AnsweringMachineDetected at all: after the screening grace the callee is offered to the agent.
        World.Time.Advance(TimeSpan.FromSeconds(6));
        var route = await Eventually.Until(() => Task.FromResult(World.Commands.Of<RouteToEndpointCommand>(call.CallId)), r => r.Count == 1, "route to the agent after the screening grace");
        Assert.Equal(campaign.AgentIds[0], route[0].AgentId);
        var view = await CampaignGrain(campaign.Id).GetViewAsync();
        Assert.Equal((0, 0), (view.AnsweringMachines, view.Abandoned));
    }

    [Fact]
    public async Task An_entry_left_dialing_by_a_stopped_silo_counts_as_an_interrupted_attempt_and_is_not_dialled_again_at_once()
    {
        var campaign = Staff(campaignId: 1002, departmentId: 2002, agentIds: [200201]);
        var entry = Store.AddEntry(campaign.Id, "+74957770101");
        entry.State = DialListEntryState.Dialing;
        await Store.SaveEntryAsync(entry, CancellationToken.None);
        campaign.State = CampaignState.Running;
        await LogInAsync(campaign);

        // A fresh activation of a running campaign finds the entry Dialing with no call of its own.
        var activatedAt = World.Time.GetUtcNow();
        await CampaignGrain(campaign.Id).GetViewAsync();
        await CampaignGrain(campaign.Id).TickAsync();

        var recovered = Store.Entry(entry.Id);
        Assert.Equal((DialListEntryState.Pending, DialOutcome.Failed, 1), (recovered.State, recovered.LastOutcome, recovered.Attempts));
        Assert.True(recovered.NextAttemptAt >= activatedAt + TimeSpan.FromHours(1), $"next attempt {recovered.NextAttemptAt}");
        Assert.Empty(Originates(campaign.Id));
    }

    [Fact]
    public async Task A_dial_result_without_a_verdict_waits_for_the_calls_own_end_and_fails_only_if_none_comes()
    {
        var campaign = Staff(campaignId: 1003, departmentId: 2003, agentIds: [200301, 200302]);
        Store.AddEntry(campaign.Id, "+74957770201");
        Store.AddEntry(campaign.Id, "+74957770202");
        await LogInAsync(campaign);
        await CampaignGrain(campaign.Id).StartAsync();
        await CampaignGrain(campaign.Id).TickAsync();
        var calls = Originates(campaign.Id);
        Assert.Equal(2, calls.Count);

        // Asterisk's reason 0 first, then the CallEnded that carries the dialplan's NOANSWER: no answer, not a failure.
        World.Time.Advance(TimeSpan.FromSeconds(20));
        await PublishAsync(DialResult(calls[0].CallId, answered: false, CallEndCause.Unknown));
        Assert.Equal(DialListEntryState.Dialing, Store.Entry(calls[0].EntryId).State);
        await PublishAsync(Ended(calls[0].CallId, CallEndCause.NoAnswer));
        Assert.Equal(DialOutcome.NoAnswer, Store.Entry(calls[0].EntryId).LastOutcome);

        // Reason 0 and nothing after it: a failed attempt once the grace has passed.
        await PublishAsync(DialResult(calls[1].CallId, answered: false, CallEndCause.Unknown));
        World.Time.Advance(TimeSpan.FromSeconds(11));
        await Eventually.Until(() => Task.FromResult(Store.Entry(calls[1].EntryId)), e => e.LastOutcome == DialOutcome.Failed, "the attempt fails after the grace");
        Assert.Equal(CallOutcome.Failed, cluster.Crm.InteractionOf(calls[1].CallId)?.Outcome);
        Assert.Equal(CallOutcome.Missed, cluster.Crm.InteractionOf(calls[0].CallId)?.Outcome);
    }

    private Campaign Staff(long campaignId, long departmentId, long[] agentIds, PacingMode pacing = PacingMode.Progressive, int maxAttempts = 3, List<CallingWindow>? windows = null)
    {
        cluster.Crm.AddDepartment(departmentId, "Campaign " + campaignId, RoutingSettings.Default with { WrapUpSeconds = 0 });
        foreach (var id in agentIds)
        {
            cluster.Crm.AddAgent(id, "Agent " + id, departmentId);
        }

        var campaign = new Campaign
        {
            Id = campaignId,
            Name = "Campaign " + campaignId,
            DepartmentId = departmentId,
            AgentIds = [.. agentIds],
            CallerId = "+74950000000",
            CallingWindows = windows ?? LocalWindowsAroundNow("Europe/Moscow"),
            MaxAttempts = maxAttempts,
            RetryRules = [new(DialOutcome.Busy, BusyDelay), new(DialOutcome.NoAnswer, NoAnswerDelay)],
            DefaultRetryDelay = TimeSpan.FromHours(2),
            Dispositions =
            [
                new() { Code = "sale", Label = "Sale", IsFinal = true },
                new() { Code = "dnc", Label = "Do not call", AddsToDoNotCall = true },
            ],
            Pacing = pacing,
        };
        Store.AddCampaign(campaign);
        return campaign;
    }

    /// <summary>Today and tomorrow, whole days, in <paramref name="zone"/>: open whatever the tests advance the clock by.</summary>
    private List<CallingWindow> LocalWindowsAroundNow(string zone)
    {
        var local = TimeZoneInfo.ConvertTime(World.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(zone));
        return [new(local.DayOfWeek, TimeOnly.MinValue, TimeOnly.MinValue), new(local.AddDays(1).DayOfWeek, TimeOnly.MinValue, TimeOnly.MinValue)];
    }

    /// <summary>From an hour before to two hours after now in <paramref name="zone"/>: six hours ahead (Tokyo from Moscow) is outside.</summary>
    private CallingWindow WindowAroundNow(string zone)
    {
        var local = TimeZoneInfo.ConvertTime(World.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime;
        var start = local.AddHours(-1);
        return new CallingWindow(start.DayOfWeek, TimeOnly.FromDateTime(start), TimeOnly.FromDateTime(local.AddHours(2)));
    }

    private async Task LogInAsync(Campaign campaign)
    {
        foreach (var id in campaign.AgentIds)
        {
            await Cluster.Agent(id).LogInAsync();
        }
    }

    private List<CampaignOriginateCommand> Originates(long campaignId) =>
        [.. World.Commands.All.OfType<CampaignOriginateCommand>().Where(c => c.CampaignId == campaignId)];

    private OutboundDialResult DialResult(string callId, bool answered, CallEndCause cause) => new()
    {
        EventId = callId + ":dial",
        Source = "test-pbx",
        Sequence = Interlocked.Increment(ref _sequence),
        OccurredAt = World.Time.GetUtcNow(),
        CallId = callId,
        CommandId = callId + ":originate",
        Answered = answered,
        Cause = cause,
    };

    private CallAnswered Answered(string callId, string endpoint) => new()
    {
        EventId = callId + ":answered:" + endpoint,
        Source = "test-pbx",
        Sequence = Interlocked.Increment(ref _sequence),
        OccurredAt = World.Time.GetUtcNow(),
        CallId = callId,
        Endpoint = endpoint,
    };

    private AnsweringMachineDetected Detected(string callId, AnsweringMachineResult result) => new()
    {
        EventId = callId + ":amd",
        Source = "test-pbx",
        Sequence = Interlocked.Increment(ref _sequence),
        OccurredAt = World.Time.GetUtcNow(),
        CallId = callId,
        Result = result,
    };

    private CallEnded Ended(string callId, CallEndCause cause) => new()
    {
        EventId = callId + ":ended",
        Source = "test-pbx",
        Sequence = Interlocked.Increment(ref _sequence),
        OccurredAt = World.Time.GetUtcNow(),
        CallId = callId,
        Cause = cause,
    };
}
