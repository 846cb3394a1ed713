using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace CtiCore.Media.Recording;

/// <summary>
/// Keeps one JSON journal per job in <c>&lt;root&gt;/.jobs/&lt;job&gt;.json</c>, each replaced atomically and fsynced.
/// It needs nothing but the recordings disk, so recordings survive even when the database is down; the CRM can
/// mirror the outcome (hash, path) into the Interaction when it reads the finished job.
/// </summary>
public sealed partial class FileRecordingJobStore : IRecordingJobStore
{
    public const string JournalFolder = ".jobs";

    private readonly string _directory;
    private readonly ILogger<FileRecordingJobStore> _logger;

    public FileRecordingJobStore(string recordingsRoot, ILogger<FileRecordingJobStore> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(recordingsRoot);
        _directory = Path.Combine(recordingsRoot, JournalFolder);
        _logger = logger;
        Directory.CreateDirectory(_directory);
    }

    public Task<RecordingJob?> GetAsync(string jobId, CancellationToken cancellationToken)
    {
        var path = JournalPath(jobId);
        return Task.FromResult(File.Exists(path) ? Read(path) : null);
    }

    public Task SaveAsync(RecordingJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var json = JsonSerializer.SerializeToUtf8Bytes(job, RecordingJsonContext.Default.RecordingJob);
        DurableFile.WriteAtomically(JournalPath(job.Id), json);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RecordingJob>> ListAsync(CancellationToken cancellationToken)
    {
        var jobs = new List<RecordingJob>();
        foreach (var path in Directory.EnumerateFiles(_directory))
        {
            if (path.EndsWith(DurableFile.TempSuffix, StringComparison.Ordinal))
            {
                // A save interrupted before its rename: the previous journal (if any) is still intact beside it.
                File.Delete(path);
                continue;
            }

            if (path.EndsWith(".json", StringComparison.Ordinal) && Read(path) is { } job)
            {
                jobs.Add(job);
            }
        }

        return Task.FromResult<IReadOnlyList<RecordingJob>>(jobs);
    }

    private RecordingJob? Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), RecordingJsonContext.Default.RecordingJob);
        }
        catch (JsonException ex)
        {
            // Atomic replacement makes this impossible for our own writes; a hand-edited file must not stop the others.
            LogUnreadableJournal(path, ex);
            return null;
        }
    }

    private string JournalPath(string jobId) => Path.Combine(_directory, RecordingStorageLayout.ValidateCallKey(jobId) + ".json");

    [LoggerMessage(EventId = 6020, Level = LogLevel.Error, Message = "Recording job journal {Path} cannot be read and is ignored")]
    private partial void LogUnreadableJournal(string path, Exception exception);
}
