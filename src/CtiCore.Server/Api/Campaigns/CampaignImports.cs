using System.Collections.Concurrent;
using CtiCore.Data;
using CtiCore.Data.Campaigns;
using CtiCore.Domain.Phones;
using CtiCore.Server.Hosting;

namespace CtiCore.Server.Api.Campaigns;

/// <summary>Where one dial-list import stands; polled by the supervisor page.</summary>
public sealed record CampaignImportStatus(
    string ImportId, long CampaignId, string State, long RowsRead, long Accepted, long Rejected, long Duplicates, long LinkedToClients, string? Error);

/// <summary>
/// Dial-list imports in the background: the upload is spooled to a file in the data folder (bounded memory however
/// large), then <see cref="DialListImporter"/> streams it into the database in its own scope while the page polls
/// the progress. The per-row error report stays beside it for download. In memory: an import outlives no restart.
/// </summary>
internal sealed class CampaignImports(IServiceScopeFactory scopes, DataFolder dataFolder, ILogger<CampaignImports> logger)
{
    private readonly ConcurrentDictionary<string, CampaignImportStatus> _imports = new(StringComparer.Ordinal);

    public string Folder
    {
        get
        {
            var folder = dataFolder.Combine("imports");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public CampaignImportStatus? Find(long campaignId, string importId) =>
        _imports.TryGetValue(importId, out var status) && status.CampaignId == campaignId ? status : null;

    public string ErrorReportPath(string importId) => Path.Combine(Folder, importId + ".errors.csv");

    public async Task<CampaignImportStatus> StartAsync(long campaignId, Stream upload, CancellationToken cancellationToken)
    {
        var importId = Guid.NewGuid().ToString("N");
        var source = Path.Combine(Folder, importId + ".csv");
        await using (var spool = File.Create(source))
        {
            await upload.CopyToAsync(spool, cancellationToken).ConfigureAwait(false);
        }

        var status = new CampaignImportStatus(importId, campaignId, "running", 0, 0, 0, 0, 0, null);
        _imports[importId] = status;
        _ = Task.Run(() => RunAsync(status, source), CancellationToken.None);
        return status;
    }

    private async Task RunAsync(CampaignImportStatus status, string source)
    {
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
                _imports[status.ImportId] = status with { RowsRead = p.RowsRead, Accepted = p.Accepted, Rejected = p.Rejected });
            var result = await importer.ImportAsync(status.CampaignId, csv, errors, progress).ConfigureAwait(false);
            _imports[status.ImportId] = status with
            {
                State = "completed", RowsRead = result.RowsRead, Accepted = result.Accepted, Rejected = result.Rejected,
                Duplicates = result.Duplicates, LinkedToClients = result.LinkedToClients,
            };
        }
#pragma warning disable CA1031 // Background work: the failure is the import's status, shown to the supervisor.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            CampaignApiLog.ImportFailed(logger, status.ImportId, ex);
            _imports[status.ImportId] = status with { State = "failed", Error = ex is DialListImportException ? ex.Message : "the import failed; see the server log" };
        }
        finally
        {
            File.Delete(source);
        }
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
}
