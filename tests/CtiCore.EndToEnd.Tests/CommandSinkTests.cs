using CtiCore.Domain.Crm;
using CtiCore.Domain.Routing;
using CtiCore.Domain.Telephony;
using CtiCore.EndToEnd.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;

namespace CtiCore.EndToEnd.Tests;

/// <summary>Commands sent the way the agent desk sends them (the unkeyed sink, which wraps the "pbx" one) reach the real Asterisk.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class CommandSinkTests(EndToEndFixture e2e)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_desk_hangup_ends_the_live_call_on_Asterisk_and_an_injected_AMI_header_goes_nowhere()
    {
        await e2e.AllAgentsAvailableAsync();
        var caller = EndToEndFixture.NewCallerNumber();
        var callerTalk = TimeSpan.FromSeconds(20);
        var call = e2e.CallAsync(caller, callerTalk);
        var (agent, callId) = await Eventually.GetAsync(async () =>
        {
            foreach (var candidate in e2e.Agents)
            {
                var view = await e2e.AgentViewAsync(candidate.Id);
                if (view.Snapshot.Status == AgentStatus.OnCall && view.CurrentCallId is { } current)
                {
                    return Tuple.Create(candidate, current);
                }
            }

            return null;
        }, TimeSpan.FromSeconds(20), "an agent on the call");
        var other = e2e.Agents.Single(a => a.Id != agent.Id);
        var otherInvites = other.Phone.InvitesReceived;
        var commands = e2e.Server.Services.GetRequiredService<ITelephonyCommandSink>();

        // A destination smuggling a second AMI action is refused before anything is written to AMI.
        await commands.SendAsync(new TransferCommand
        {
            CommandId = callId + ":e2e-inject",
            CallId = callId,
            DestinationKind = TransferDestinationKind.Endpoint,
            Destination = $"PJSIP/{other.Extension}\r\nAction: Originate\r\nChannel: PJSIP/{other.Extension}",
        }, Ct);
        Assert.Equal(AgentStatus.OnCall, (await e2e.AgentViewAsync(agent.Id)).Snapshot.Status);
        Assert.Equal(otherInvites, other.Phone.InvitesReceived);

        await commands.SendAsync(new HangupCommand { CommandId = callId + ":e2e-hangup", CallId = callId, Reason = "e2e desk hang-up" }, Ct);

        var interaction = Assert.Single(await e2e.InteractionsAsync(i => i.CallKey == callId));
        Assert.Equal(CallOutcome.Answered, interaction.Outcome);
        Assert.Equal(agent.Id, interaction.AgentId);
        Assert.Equal(caller, interaction.FromNumber);
        Assert.True(interaction.TalkSeconds < callerTalk.TotalSeconds, $"hung up by the command after {interaction.TalkSeconds} s, not by the caller");
        // The caller's sipp got a BYE in the middle of its scripted talk: its own verdict does not matter here.
        _ = await call;
        Assert.Equal(otherInvites, other.Phone.InvitesReceived);
        await e2e.AllAgentsAvailableAsync();
    }
}
