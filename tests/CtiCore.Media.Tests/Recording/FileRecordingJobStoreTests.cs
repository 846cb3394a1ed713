using CtiCore.Media.Recording;
using CtiCore.Media.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CtiCore.Media.Tests.Recording;

public sealed class FileRecordingJobStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Jobs_round_trip_through_their_journal_files()
    {
        var store = new FileRecordingJobStore(_dir.Path, NullLogger<FileRecordingJobStore>.Instance);
        var job = new RecordingJob
        {
            Id = "1700000000.1", Source = RecordingSource.Legs("/in/r.wav", "/in/t.wav"), RecordedAt = DateTimeOffset.UnixEpoch,
            OutputPath = "1970/01/01/1700000000.1.opus", State = RecordingJobState.Done, Sha256 = "ab", DepartmentKey = "sales",
        };

        await store.SaveAsync(job, PipelineHarness.Timeout);
        await store.SaveAsync(job with { Attempts = 3 }, PipelineHarness.Timeout);

        Assert.Equal(job with { Attempts = 3 }, await store.GetAsync("1700000000.1", PipelineHarness.Timeout));
        Assert.Single(await store.ListAsync(PipelineHarness.Timeout));
        var json = await File.ReadAllTextAsync(Path.Combine(_dir.Path, ".jobs", "1700000000.1.json"), PipelineHarness.Timeout);
        Assert.Contains("\"State\": \"Done\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_journal_is_skipped_and_an_interrupted_save_is_cleaned_up()
    {
        var store = new FileRecordingJobStore(_dir.Path, NullLogger<FileRecordingJobStore>.Instance);
        var jobs = Path.Combine(_dir.Path, ".jobs");
        await File.WriteAllTextAsync(Path.Combine(jobs, "broken.json"), "{ \"Id\": ", PipelineHarness.Timeout);
        var stray = Path.Combine(jobs, "x.json.0123.tmp");
        await File.WriteAllTextAsync(stray, "{", PipelineHarness.Timeout);

        Assert.Empty(await store.ListAsync(PipelineHarness.Timeout));
        Assert.False(File.Exists(stray));
    }
}
