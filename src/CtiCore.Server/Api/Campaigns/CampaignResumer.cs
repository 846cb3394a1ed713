using CtiCore.Abstractions.Campaigns;
using CtiCore.Data;
using CtiCore.Domain.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Server.Api.Campaigns;

/// <summary>
/// After a restart, nothing calls a campaign grain until a supervisor opens the page, so a running campaign would
/// sit idle. Once the host has started (database migrated, silo up), this activates every campaign stored as
/// Running: its activation starts the pacing timer and reconciles the entries that were being dialled. It also
/// marks the imports the restart cut off.
/// </summary>
internal sealed class CampaignResumer(
    IServiceScopeFactory scopes,
    IGrainFactory grains,
    CampaignImports imports,
    IHostApplicationLifetime lifetime,
    ILogger<CampaignResumer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var interrupted = await imports.MarkInterruptedAsync(stoppingToken).ConfigureAwait(false);
        List<long> running;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            running = await db.Campaigns.AsNoTracking().Where(c => c.State == CampaignState.Running).Select(c => c.Id).ToListAsync(stoppingToken).ConfigureAwait(false);
        }

        foreach (var campaignId in running)
        {
            try
            {
                await grains.GetGrain<ICampaignGrain>(campaignId).GetViewAsync().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // One campaign that cannot start must not keep the others idle.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                CampaignApiLog.ResumeFailed(logger, campaignId, ex);
            }
        }

        CampaignApiLog.Resumed(logger, running.Count, interrupted);
    }
}
