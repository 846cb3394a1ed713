using CtiCore.Domain.Telephony;
using CtiCore.Server.FunctionalTests.Infrastructure;

namespace CtiCore.Server.FunctionalTests.Recording;

/// <summary>Nothing about a recording lives only in memory: a restart between the events and the encode loses nothing.</summary>
public sealed class RecordingRestartTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_call_that_ended_before_a_restart_is_encoded_and_linked_by_the_next_server()
    {
        var data = Path.Combine(_folder.Path, "data");
        var monitor = Path.Combine(_folder.Path, "monitor");
        var callKey = RecordingRig.NewCallKey();
        var startedAt = DateTimeOffset.UtcNow;
        long interactionId;
        string wav;

        // First server: the call is recorded, paused once and ends, but the stop event never comes and the grace
        // (an hour) does not pass before the server stops.
        await using (var first = new RecordingRig(data, monitor, TimeSpan.FromHours(1)))
        {
            await first.Factory.AdminAsync();
            interactionId = await first.InteractionAsync(callKey, agentId: null, clientId: null, departmentId: null);
            wav = first.WriteWav(callKey, seconds: 3);
            await first.PublishAsync(new RecordingStarted(), callKey, startedAt);
            await first.PublishAsync(new RecordingPaused(), callKey, startedAt.AddSeconds(0.5));
            await first.PublishAsync(new RecordingResumed(), callKey, startedAt.AddSeconds(1.5));
            await first.PublishAsync(new CallEnded { Cause = CallEndCause.CallerHungUp }, callKey, startedAt.AddSeconds(3));
            Assert.True(File.Exists(wav));
            Assert.False(Directory.Exists(first.RecordingsRoot) &&
                Directory.EnumerateFiles(first.RecordingsRoot, "*.opus", SearchOption.AllDirectories).Any());
        }

        // Second server on the same data: the session on disk is queued after a zero grace, encoded and linked.
        await using var second = new RecordingRig(data, monitor, TimeSpan.Zero);
        await second.Factory.AdminAsync();
        var linked = await second.LinkedAsync(interactionId);

        Assert.False(File.Exists(wav));
        Assert.Equal("0.500-1.500", linked.RecordingPauses);
        Assert.Equal(3000, linked.RecordingDurationMs);
        var (exit, output) = RecordingRig.Run("opusinfo", second.FileOf(linked));
        Assert.True(exit == 0, output);
        Assert.Contains("CTICORE_PAUSE=0.500-1.500", output, StringComparison.Ordinal);
    }
}
