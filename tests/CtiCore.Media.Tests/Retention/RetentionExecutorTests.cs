using CtiCore.Media.Recording;
using CtiCore.Media.Retention;
using CtiCore.Media.Tests.Support;
using CtiCore.Media.Wav;
using Microsoft.Extensions.Logging.Abstractions;

namespace CtiCore.Media.Tests.Retention;

public sealed class RetentionExecutorTests
{
    [Fact]
    public async Task A_sweep_erases_expired_files_keeps_held_ones_and_leaves_an_erased_journal()
    {
        await using var h = new PipelineHarness();
        var encoder = await h.StartAsync();
        var old = h.Time.GetUtcNow().AddDays(-100);
        foreach (var key in new[] { "old-free", "old-held", "recent" })
        {
            var wav = h.WriteWav(key + ".wav", new WavFormat(WavEncoding.Pcm16, 8000, 1), Signals.SumOfSines(8000, 1, 440));
            await encoder.EnqueueAsync(key, RecordingSource.Mixed(wav), key == "recent" ? h.Time.GetUtcNow() : old, "support", PipelineHarness.Timeout);
            Assert.Equal(RecordingJobState.Done, (await encoder.WhenFinishedAsync(key, PipelineHarness.Timeout)).State);
        }

        var jobs = await h.Store.ListAsync(PipelineHarness.Timeout);
        var candidates = RetentionPlanner.CandidatesFrom(jobs, new HashSet<string>(["old-held"]));
        var plan = RetentionPlanner.PlanExpired(candidates, new RetentionPolicy { DefaultDays = 90 }, h.Time.GetUtcNow());
        var executor = new RetentionExecutor(h.Store, h.Layout, h.Time, NullLogger<RetentionExecutor>.Instance);

        var erased = await executor.ExecuteAsync(plan, "retention-sweep", PipelineHarness.Timeout);

        Assert.Equal(["old-free"], erased.Select(j => j.Id));
        var journal = await h.Store.GetAsync("old-free", PipelineHarness.Timeout);
        Assert.Equal(RecordingJobState.Erased, journal!.State);
        Assert.Equal(nameof(ErasureReason.RetentionExpired), journal.ErasureReason);
        Assert.Equal(h.Time.GetUtcNow(), journal.ErasedAt);
        Assert.False(File.Exists(h.Layout.FullPath(journal.OutputPath)));
        Assert.Equal(2, h.VisibleRecordings().Length);

        // Running the same plan again erases nothing more.
        Assert.Empty(await executor.ExecuteAsync(plan, "retention-sweep", PipelineHarness.Timeout));
    }
}
