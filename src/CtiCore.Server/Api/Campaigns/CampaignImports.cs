using System.Collections.Concurrent;
using CtiCore.Data;
using CtiCore.Data.Campaigns;
using CtiCore.Domain.Campaigns;
using CtiCore.Domain.Phones;
using CtiCore.Server.Hosting;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Server.Api.Campaigns;

/// <summary>Where one dial-list import stands; polled by the supervisor page and tools/campaign-import.sh.</summary>
public sealed record CampaignImportStatus(
    string ImportId, long CampaignId, string State, long RowsRead, long Accepted, long Rejected, long Duplicates, long LinkedToClients, string? Error)
{
    public static CampaignImportStatus From(DialListImport row) =>
        new(row.Id, row.CampaignId, row.State, row.RowsRead, row.Accepted, row.Rejected, row.Duplicates, row.LinkedToClients, row.Error);
}

/// <summary>
/// Dial-list imports in the background: the upload is spooled to a file in the data folder (bounded memory however
/// large), then <see cref="DialListImporter"/> streams it into the database in its own scope while the page polls
/// the progress. Each import is a <see cref="DialListImport"/> row, written at the start, about once a second while
/// it runs and at the end, so its progress and result survive a restart; an import the restart cut off is marked
/// interrupted at start-up (<see cref="MarkInterruptedAsync"/>). The per-row error report stays beside it for download.
/// </summary>
internal sealed class CampaignImports(IServiceScopeFactory scopes, DataFolder dataFolder, TimeProvider time, ILogger<CampaignImports> logger)
{
    private static readonly TimeSpan ProgressWriteInterval = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, CampaignImportStatus> _running = new(StringComparer.Ordinal);

    public string Folder
    {
        get
        {
            var folder = dataFolder.Combine("imports");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public string ErrorReportPath(string importId) => Path.Combine(Folder, importId + ".errors.csv");

    /// <summary>The live figures of a running import, otherwise its stored row.</summary>
    public async Task<CampaignImportStatus?> FindAsync(long campaignId, string importId, CancellationToken cancellationToken)
    {
        if (_running.TryGetValue(importId, out var live))
        {
            return live.CampaignId == campaignId ? live : null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var row = await db.DialListImports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == importId && i.CampaignId == campaignId, cancellationToken).ConfigureAwait(false);
        return row is null ? null : CampaignImportStatus.From(row);
    }

    /// <summary>The campaign's imports, newest first.</summary>
    public async Task<IReadOnlyList<CampaignImportStatus>> ListAsync(long campaignId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var rows = await db.DialListImports.AsNoTracking().Where(i => i.CampaignId == campaignId)
            .OrderByDescending(i => i.StartedAt).Take(100).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => _running.TryGetValue(r.Id, out var live) ? live : CampaignImportStatus.From(r))];
    }

    public async Task<CampaignImportStatus> StartAsync(long campaignId, Stream upload, CancellationToken cancellationToken)
    {
        var importId = Guid.NewGuid().ToString("N");
        var source = Path.Combine(Folder, importId + ".csv");
        await using (var spool = File.Create(source))
        {
            await upload.CopyToAsync(spool, cancellationToken).ConfigureAwait(false);
        }

        var now = time.GetUtcNow();
        var row = new DialListImport { Id = importId, CampaignId = campaignId, State = DialListImport.Running, StartedAt = now, UpdatedAt = now };
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            db.DialListImports.Add(row);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        var status = CampaignImportStatus.From(row);
        _running[importId] = status;
        _ = Task.Run(() => RunAsync(status, source), CancellationToken.None);
        return status;
    }

    /// <summary>At start-up: imports the previous run left "running" died with it; they keep the figures they got to.</summary>
    public async Task<int> MarkInterruptedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var stale = await db.DialListImports.Where(i => i.State == DialListImport.Running).ToListAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        foreach (var row in stale.Where(r => !_running.ContainsKey(r.Id)))
        {
            row.State = DialListImport.Interrupted;
            row.Error = "the server restarted during the import; upload the file again (numbers already in the list are skipped as duplicates)";
            row.UpdatedAt = now;
            row.FinishedAt = now;
            File.Delete(Path.Combine(Folder, row.Id + ".csv"));
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return stale.Count;
    }

    private async Task RunAsync(CampaignImportStatus status, string source)
    {
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() => WriteProgressAsync(status.ImportId, stop.Token), CancellationToken.None);
        var final = status;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var importer = new DialListImporter(
                scope.ServiceProvider.GetRequiredService<CrmDbContext>(),
                scope.ServiceProvider.GetRequiredService<PhoneNormalizer>(),
                scope.ServiceProvider.GetRequiredService<TimeProvider>());
            await using var csv = File.OpenRead(source);
            await using var errors = File.Create(ErrorReportPath(status.ImportId));
            // Reported inline, not through Progress<T>: that posts to the thread pool, and a late report could then
            // overwrite the final "completed" status with a "running" one.
            var progress = new InlineProgress(p =>
                _running[status.ImportId] = status with { RowsRead = p.RowsRead, Accepted = p.Accepted, Rejected = p.Rejected });
            var result = await importer.ImportAsync(status.CampaignId, csv, errors, progress).ConfigureAwait(false);
            final = status with
            {
                State = DialListImport.Completed, RowsRead = result.RowsRead, Accepted = result.Accepted, Rejected = result.Rejected,
                Duplicates = result.Duplicates, LinkedToClients = result.LinkedToClients,
            };
        }
#pragma warning disable CA1031 // Background work: the failure is the import's status, shown to the supervisor.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            CampaignApiLog.ImportFailed(logger, status.ImportId, ex);
            var reached = _running.TryGetValue(status.ImportId, out var live) ? live : status;
            final = reached with { State = DialListImport.Failed, Error = ex is DialListImportException ? ex.Message : "the import failed; see the server log" };
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await writer.ConfigureAwait(false);
            File.Delete(source);
        }

        // The row first, then the live entry goes: a poll in between reads either the live or the final figures.
        await SaveAsync(final, finished: true, CancellationToken.None).ConfigureAwait(false);
        _running.TryRemove(status.ImportId, out _);
    }

    private async Task WriteProgressAsync(string importId, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(ProgressWriteInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                if (_running.TryGetValue(importId, out var live))
                {
                    await SaveAsync(live, finished: false, stop).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The import ended; RunAsync writes the final row.
        }
#pragma warning disable CA1031 // A missed progress write is retried on the next tick; the final write is separate.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            CampaignApiLog.ImportProgressNotSaved(logger, importId, ex);
        }
    }

    private async Task SaveAsync(CampaignImportStatus status, bool finished, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var now = time.GetUtcNow();
        await db.DialListImports.Where(i => i.Id == status.ImportId && i.State == DialListImport.Running).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.State, finished ? status.State : DialListImport.Running)
            .SetProperty(i => i.RowsRead, status.RowsRead)
            .SetProperty(i => i.Accepted, status.Accepted)
            .SetProperty(i => i.Rejected, status.Rejected)
            .SetProperty(i => i.Duplicates, status.Duplicates)
            .SetProperty(i => i.LinkedToClients, status.LinkedToClients)
            .SetProperty(i => i.Error, status.Error)
            .SetProperty(i => i.UpdatedAt, now)
            .SetProperty(i => i.FinishedAt, finished ? now : (DateTimeOffset?)null), cancellationToken).ConfigureAwait(false);
    }
}

internal sealed class InlineProgress(Action<DialListImportProgress> report) : IProgress<DialListImportProgress>
{
    public void Report(DialListImportProgress value) => report(value);
}

internal static partial class CampaignApiLog
{
    [LoggerMessage(5400, LogLevel.Error, "Dial-list import {ImportId} failed")]
    public static partial void ImportFailed(ILogger logger, string importId, Exception exception);

    [LoggerMessage(5401, LogLevel.Warning, "Dial-list import {ImportId}: progress not saved")]
    public static partial void ImportProgressNotSaved(ILogger logger, string importId, Exception exception);

    [LoggerMessage(5402, LogLevel.Information, "Campaigns resumed after start-up: {Campaigns} running, {Imports} interrupted imports marked")]
    public static partial void Resumed(ILogger logger, int campaigns, int imports);

    [LoggerMessage(5403, LogLevel.Error, "Campaign {CampaignId} could not be resumed after start-up")]
    public static partial void ResumeFailed(ILogger logger, long campaignId, Exception exception);
}
