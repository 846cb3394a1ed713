using CtiCore.Abstractions.Calls;
using CtiCore.Abstractions.Campaigns;
using CtiCore.Data;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Server.Realtime;

/// <summary>
/// Campaign calls in the desktop: their view comes from the campaign grain that owns them (no call grain sees
/// them), and their pop carries the campaign's script for the callee's segment and deal stage. The pop goes only
/// to the agent the call is offered to, so an agent sees no other call's script.
/// </summary>
internal sealed class CampaignPops(IGrainFactory grains, IDbContextFactory<CrmDbContext> contexts)
{
    /// <summary>The call's view from its campaign grain for a campaign call, otherwise from its call grain.</summary>
    public async Task<CallView> ViewOfAsync(string callId)
    {
        if (CampaignCallId.TryParse(callId, out var campaignId, out _)
            && await grains.GetGrain<ICampaignGrain>(campaignId).GetCallViewAsync(callId) is { } view)
        {
            return view;
        }

        return await grains.GetGrain<ICallGrain>(callId).GetViewAsync();
    }

    /// <summary>Adds the campaign part to a campaign call's pop; any other pop is returned as it is.</summary>
    public async Task<ScreenPop> WithCampaignAsync(ScreenPop pop, CancellationToken cancellationToken)
    {
        if (!CampaignCallId.TryParse(pop.CallId, out var campaignId, out _))
        {
            return pop;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return pop;
        }

        // The deal the script speaks to is the client's most recent open one.
        var clientId = pop.Client?.Id;
        var segment = pop.Client?.Segment;
        var stage = clientId is { } id
            ? await db.Deals.AsNoTracking().Where(d => d.ClientId == id && !d.IsClosed).OrderByDescending(d => d.Id).Select(d => d.Stage).FirstOrDefaultAsync(cancellationToken)
            : null;
        var script = campaign.ScriptFor(segment, stage);
        return pop with
        {
            Campaign = new PopCampaign(
                campaign.Id,
                campaign.Name,
                script?.Text,
                segment,
                stage,
                [.. campaign.Dispositions.Select(d => new PopDisposition(d.Code, d.Label, d.IsFinal, d.IsCallback))]),
        };
    }
}
