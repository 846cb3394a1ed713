using CtiCore.Domain.Crm;
using CtiCore.Domain.Routing;
using CtiCore.Domain.Telephony;
using CtiCore.EndToEnd.Tests.Harness;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CtiCore.EndToEnd.Tests;

/// <summary>A desk transfer on the real Asterisk: the caller is redirected to the other agent's phone, and the CTI side follows.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class TransferCallTests(EndToEndFixture e2e)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_transfer_to_the_other_agent_puts_them_on_the_call_and_logs_them_as_its_agent()
    {
        await e2e.AllAgentsAvailableAsync();
        var caller = EndToEndFixture.NewCallerNumber();
        var call = e2e.CallAsync(caller, TimeSpan.FromSeconds(15));
        var (first, callId) = await Eventually.GetAsync(async () =>
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
        var target = e2e.Agents.Single(a => a.Id != first.Id);

        await e2e.Server.Services.GetRequiredService<ITelephonyCommandSink>().SendAsync(new TransferCommand
        {
            CommandId = callId + ":e2e-transfer",
            CallId = callId,
            DestinationKind = TransferDestinationKind.Endpoint,
            Destination = "PJSIP/" + target.Extension,
        }, Ct);

        // The target's phone rings and answers; the CTI side hands them the call while the first agent wraps up.
        await Eventually.GetAsync(async () =>
        {
            var view = await e2e.AgentViewAsync(target.Id);
            return view.Snapshot.Status == AgentStatus.OnCall && view.CurrentCallId == callId ? view : null;
        }, TimeSpan.FromSeconds(20), "the target agent on the transferred call");
        Assert.NotEqual(AgentStatus.OnCall, (await e2e.AgentViewAsync(first.Id)).Snapshot.Status);

        _ = await call; // the caller hangs up after its scripted talk
        var interaction = Assert.Single(await e2e.InteractionsAsync(i => i.CallKey == callId));
        Assert.Equal(CallOutcome.Answered, interaction.Outcome);
        Assert.Equal(target.Id, interaction.AgentId);
        var transfers = await e2e.Server.QueryAsync(db => db.CallTransfers.AsNoTracking().Where(t => t.CallKey == callId).ToListAsync(Ct));
        var handedOver = Assert.Single(transfers);
        Assert.Equal((first.Id, target.Id), (handedOver.FromAgentId, handedOver.ToAgentId));
        await e2e.AllAgentsAvailableAsync();
    }
}
