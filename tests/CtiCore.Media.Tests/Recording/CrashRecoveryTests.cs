using System.Diagnostics;
using System.Security.Cryptography;
using CtiCore.Media.Recording;
using CtiCore.Media.Tests.Support;
using CtiCore.Media.Wav;

namespace CtiCore.Media.Tests.Recording;

/// <summary>
/// A real process is killed while it writes a recording (SIGKILL: no finally blocks, no flush), then the pipeline
/// starts again in this process on the same disk and must finish the job.
/// </summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task A_process_killed_mid_encode_leaves_no_visible_file_and_the_job_resumes()
    {
        await using var h = new PipelineHarness();
        var samples = Signals.SpeechLike(8000, 60);
        var wav = h.WriteWav("long.wav", new WavFormat(WavEncoding.Pcm16, 8000, 1), samples);
        var child = StartCrashHost(h.Root, "killed-call", wav);
        string partial;
        try
        {
            var line = await child.StandardOutput.ReadLineAsync(PipelineHarness.Timeout);
            if (line is null || !line.StartsWith("PARTIAL ", StringComparison.Ordinal))
            {
                // Only now is it safe to drain stderr: the child has exited or said something unexpected.
                Assert.Fail($"child said '{line}': {await child.StandardError.ReadToEndAsync(PipelineHarness.Timeout)}");
            }

            partial = line!["PARTIAL ".Length..];
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync(PipelineHarness.Timeout);
            child.Dispose();
        }

        // What the crash left: a hidden partial file, no recording under its final name, the source intact,
        // and a journal that says the job was being encoded.
        var final = Path.Combine(Path.GetDirectoryName(partial)!, "killed-call.opus");
        Assert.True(File.Exists(partial));
        Assert.False(File.Exists(final));
        Assert.DoesNotContain(h.VisibleRecordings(), f => f.EndsWith(".opus", StringComparison.Ordinal));
        Assert.True(File.Exists(wav));
        Assert.Equal(RecordingJobState.Encoding, (await h.Store.GetAsync("killed-call", PipelineHarness.Timeout))!.State);

        var encoder = await h.StartAsync();
        var job = await encoder.WhenFinishedAsync("killed-call", PipelineHarness.Timeout);

        Assert.Equal(RecordingJobState.Done, job.State);
        Assert.Equal(2, job.Attempts);
        Assert.Equal(samples.Length, job.SourceFrames);
        Assert.False(File.Exists(partial));
        Assert.False(File.Exists(wav));
        Assert.Equal([final], h.VisibleRecordings());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(final))), job.Sha256);
        Assert.Equal(samples.Length, Opus.OggOpusReaderFacts.FramesOf(final));
    }

    private static Process StartCrashHost(string root, string callKey, string wav)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "CtiCore.Media.CrashHost.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { host, root, callKey, wav })
        {
            start.ArgumentList.Add(a);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("crash host did not start");
    }
}
