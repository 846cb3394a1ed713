using System.Security.Cryptography;
using CtiCore.Media.Opus;
using CtiCore.Media.Recording;
using CtiCore.Media.Tests.Support;
using CtiCore.Media.Wav;

namespace CtiCore.Media.Tests.Recording;

public sealed class RecordingEncoderTests
{
    private static readonly WavFormat Slin8 = new(WavEncoding.Pcm16, 8000, 1);
    private static readonly DateTimeOffset CallTime = new(2026, 3, 4, 23, 30, 0, TimeSpan.FromHours(-2)); // 2026-03-05 01:30 UTC

    [Fact]
    public async Task A_mixed_wav_becomes_a_verified_opus_file_and_the_source_goes()
    {
        await using var h = new PipelineHarness();
        var wav = h.WriteWav("1700000000.42.wav", Slin8, Signals.SpeechLike(8000, 10));
        var wavBytes = new FileInfo(wav).Length;
        var encoder = await h.StartAsync();

        await encoder.EnqueueAsync("1700000000.42", RecordingSource.Mixed(wav), CallTime, "sales", PipelineHarness.Timeout);
        var job = await encoder.WhenFinishedAsync("1700000000.42", PipelineHarness.Timeout);

        Assert.Equal(RecordingJobState.Done, job.State);
        var opus = Path.Combine(h.Root, "2026", "03", "05", "1700000000.42.opus");
        Assert.Equal(Path.Combine("2026", "03", "05", "1700000000.42.opus"), job.OutputPath);
        Assert.Equal([opus], h.VisibleRecordings());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(opus))), job.Sha256);
        Assert.False(File.Exists(wav));
        Assert.Equal(8000 * 10, job.SourceFrames);
        Assert.True(wavBytes >= 4 * new FileInfo(opus).Length, $"WAV {wavBytes} bytes vs Opus {new FileInfo(opus).Length}");
        // The journal on disk says the same as the returned job.
        Assert.Equal(job, await h.Store.GetAsync("1700000000.42", PipelineHarness.Timeout));
    }

    [Fact]
    public async Task Two_legs_become_stereo_with_the_caller_left_and_the_agent_right()
    {
        await using var h = new PipelineHarness();
        var caller = h.WriteWav("c-r.wav", Slin8, Signals.SumOfSines(8000, 2, 440));
        var agent = h.WriteWav("c-t.wav", new WavFormat(WavEncoding.MuLaw, 8000, 1), Signals.SumOfSines(8000, 1.5, 1300));
        var encoder = await h.StartAsync();

        await encoder.EnqueueAsync("legs", RecordingSource.Legs(caller, agent), CallTime, null, PipelineHarness.Timeout);
        var job = await encoder.WhenFinishedAsync("legs", PipelineHarness.Timeout);

        Assert.Equal(RecordingJobState.Done, job.State);
        Assert.Equal(2, job.Channels);
        var left = new List<short>();
        var right = new List<short>();
        var info = OggOpusReader.Decode(h.Layout.FullPath(job.OutputPath), s =>
        {
            for (var i = 0; i < s.Length; i += 2)
            {
                left.Add(s[i]);
                right.Add(s[i + 1]);
            }
        });
        Assert.Equal(2, info.Channels);
        Assert.Equal(16000, info.FramesDecoded); // the longer leg; the agent's is padded with silence
        var l = left.ToArray().AsSpan(800, 8000);
        var r = right.ToArray().AsSpan(800, 8000);
        Assert.True(Signals.ToneEnergy(l, 8000, 440) > 100 * Signals.ToneEnergy(l, 8000, 1300), "caller tone must be left");
        Assert.True(Signals.ToneEnergy(r, 8000, 1300) > 100 * Signals.ToneEnergy(r, 8000, 440), "agent tone must be right");
        Assert.False(File.Exists(caller));
        Assert.False(File.Exists(agent));
    }

    [Fact]
    public async Task A_header_only_wav_is_no_audio_not_a_failure()
    {
        await using var h = new PipelineHarness();
        var wav = h.WriteWav("empty.wav", Slin8, []);
        var encoder = await h.StartAsync();

        await encoder.EnqueueAsync("empty", RecordingSource.Mixed(wav), CallTime, null, PipelineHarness.Timeout);
        var job = await encoder.WhenFinishedAsync("empty", PipelineHarness.Timeout);

        Assert.Equal(RecordingJobState.NoAudio, job.State);
        Assert.Empty(h.VisibleRecordings());
        Assert.Null(job.LastError);
    }

    [Theory]
    [InlineData("corrupt", WavFormatError.Corrupt)]
    [InlineData("wrong-format", WavFormatError.UnsupportedEncoding)]
    [InlineData("empty-file", WavFormatError.EmptyFile)]
    [InlineData("not-wave", WavFormatError.NotWave)]
    public async Task A_bad_source_fails_at_once_with_a_clear_error_and_is_kept(string kind, WavFormatError reason)
    {
        await using var h = new PipelineHarness();
        var wav = h.WriteWav($"{kind}.wav", Slin8, Signals.SumOfSines(8000, 1, 440));
        var bytes = File.ReadAllBytes(wav);
        switch (kind)
        {
            case "corrupt":
                bytes[32] = 7; // block align
                break;
            case "wrong-format":
                bytes[20] = 0x31; // GSM 6.10
                break;
            case "empty-file":
                bytes = [];
                break;
            case "not-wave":
                bytes = "ID3\u0004 an mp3, say"u8.ToArray();
                break;
        }

        File.WriteAllBytes(wav, bytes);
        var encoder = await h.StartAsync();

        await encoder.EnqueueAsync("bad", RecordingSource.Mixed(wav), CallTime, null, PipelineHarness.Timeout);
        var job = await encoder.WhenFinishedAsync("bad", PipelineHarness.Timeout);

        Assert.Equal(RecordingJobState.Failed, job.State);
        Assert.Equal(1, job.Attempts);
        Assert.Contains(wav, job.LastError, StringComparison.Ordinal);
        Assert.Contains(new WavFormatException(reason, "x", "y").Message.Split(':')[0], job.LastError, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(wav));
        Assert.Empty(h.VisibleRecordings());
    }

    [Fact]
    public async Task A_truncated_source_is_retried_with_backoff_then_failed_and_kept()
    {
        await using var h = new PipelineHarness(maxAttempts: 3);
        var wav = h.WriteWav("cut.wav", Slin8, Signals.SumOfSines(8000, 2, 440));
        var bytes = File.ReadAllBytes(wav)[..20_000];
        File.WriteAllBytes(wav, bytes);
        var encoder = await h.StartAsync();

        await encoder.EnqueueAsync("cut", RecordingSource.Mixed(wav), CallTime, null, PipelineHarness.Timeout);
        var first = await encoder.WhenAsync("cut", j => j is { State: RecordingJobState.Queued, Attempts: 1 }, PipelineHarness.Timeout);
        Assert.Equal(h.Time.GetUtcNow() + TimeSpan.FromSeconds(30), first.NextAttemptAt);
        Assert.Contains("Truncated", first.LastError, StringComparison.Ordinal);

        h.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(1, (await h.Store.GetAsync("cut", PipelineHarness.Timeout))!.Attempts); // not yet
        h.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await encoder.WhenAsync("cut", j => j is { State: RecordingJobState.Queued, Attempts: 2 }, PipelineHarness.Timeout);
        Assert.Equal(h.Time.GetUtcNow() + TimeSpan.FromSeconds(60), second.NextAttemptAt); // doubled

        h.Time.Advance(TimeSpan.FromSeconds(60));
        var job = await encoder.WhenFinishedAsync("cut", PipelineHarness.Timeout);
        Assert.Equal(RecordingJobState.Failed, job.State);
        Assert.Equal(3, job.Attempts);
        Assert.Equal(bytes, File.ReadAllBytes(wav));
        Assert.Empty(h.VisibleRecordings());
    }

    [Fact]
    public async Task A_source_still_being_copied_succeeds_on_retry()
    {
        await using var h = new PipelineHarness();
        var samples = Signals.SumOfSines(8000, 2, 440);
        var wav = h.WriteWav("copying.wav", Slin8, samples);
        var whole = File.ReadAllBytes(wav);
        File.WriteAllBytes(wav, whole[..10_000]);
        var encoder = await h.StartAsync();

        await encoder.EnqueueAsync("copying", RecordingSource.Mixed(wav), CallTime, null, PipelineHarness.Timeout);
        await encoder.WhenAsync("copying", j => j is { State: RecordingJobState.Queued, Attempts: 1 }, PipelineHarness.Timeout);
        File.WriteAllBytes(wav, whole); // the copy finished
        h.Time.Advance(TimeSpan.FromSeconds(30));

        var job = await encoder.WhenFinishedAsync("copying", PipelineHarness.Timeout);
        Assert.Equal(RecordingJobState.Done, job.State);
        Assert.Equal(2, job.Attempts);
        Assert.Null(job.LastError);
    }

    [Fact]
    public async Task Enqueueing_the_same_call_twice_returns_the_first_job()
    {
        await using var h = new PipelineHarness();
        var wav = h.WriteWav("twice.wav", Slin8, Signals.SumOfSines(8000, 1, 440));
        var encoder = await h.StartAsync();

        var first = await encoder.EnqueueAsync("twice", RecordingSource.Mixed(wav), CallTime, "a", PipelineHarness.Timeout);
        var again = await encoder.EnqueueAsync("twice", RecordingSource.Mixed("/elsewhere.wav"), CallTime.AddDays(1), "b", PipelineHarness.Timeout);

        Assert.Equal(first.OutputPath, again.OutputPath);
        Assert.Equal("a", again.DepartmentKey);
        Assert.Equal(RecordingJobState.Done, (await encoder.WhenFinishedAsync("twice", PipelineHarness.Timeout)).State);
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData(".hidden")]
    public async Task Call_keys_that_are_not_safe_file_names_are_refused(string key)
    {
        await using var h = new PipelineHarness();
        var encoder = await h.StartAsync();
        await Assert.ThrowsAsync<ArgumentException>(() =>
            encoder.EnqueueAsync(key, RecordingSource.Mixed("/tmp/x.wav"), CallTime, null, PipelineHarness.Timeout));
    }

    [Fact]
    public async Task An_interrupted_job_resumes_on_start_and_overwrites_its_stale_partial_file()
    {
        await using var h = new PipelineHarness();
        var wav = h.WriteWav("resume.wav", Slin8, Signals.SpeechLike(8000, 3));
        var relative = RecordingStorageLayout.RelativePathFor("resume", CallTime);
        var partial = RecordingStorageLayout.PartialPathFor(h.Layout.FullPath(relative));
        Directory.CreateDirectory(Path.GetDirectoryName(partial)!);
        await File.WriteAllBytesAsync(partial, "OggS half a file"u8.ToArray(), PipelineHarness.Timeout);
        await h.Store.SaveAsync(new RecordingJob
        {
            Id = "resume", Source = RecordingSource.Mixed(wav), RecordedAt = CallTime, OutputPath = relative,
            State = RecordingJobState.Encoding, Attempts = 1,
        }, PipelineHarness.Timeout);

        var encoder = await h.StartAsync();
        var job = await encoder.WhenFinishedAsync("resume", PipelineHarness.Timeout);

        Assert.Equal(RecordingJobState.Done, job.State);
        Assert.Equal(2, job.Attempts);
        Assert.False(File.Exists(partial));
        Assert.Equal([h.Layout.FullPath(relative)], h.VisibleRecordings());
    }

    [Fact]
    public async Task A_crash_after_the_source_was_deleted_still_finishes_from_the_verified_file()
    {
        await using var h = new PipelineHarness();
        var samples = Signals.SpeechLike(8000, 2);
        var relative = RecordingStorageLayout.RelativePathFor("late", CallTime);
        var final = h.Layout.FullPath(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        using (var stream = File.Create(final))
        using (var writer = OggOpusWriter.Create(stream, 8000, 1, new OpusEncodingSettings()))
        {
            writer.Write(samples);
            writer.Complete();
        }

        await h.Store.SaveAsync(new RecordingJob
        {
            Id = "late", Source = RecordingSource.Mixed(Path.Combine(h.Incoming, "gone.wav")), RecordedAt = CallTime,
            OutputPath = relative, State = RecordingJobState.Encoding, Attempts = 1,
            SourceFrames = samples.Length, SampleRate = 8000, Channels = 1,
        }, PipelineHarness.Timeout);

        var encoder = await h.StartAsync();
        var job = await encoder.WhenFinishedAsync("late", PipelineHarness.Timeout);

        Assert.Equal(RecordingJobState.Done, job.State);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(final))), job.Sha256);
    }

    [Fact]
    public async Task A_missing_source_without_a_verified_file_fails()
    {
        await using var h = new PipelineHarness();
        var encoder = await h.StartAsync();

        await encoder.EnqueueAsync("ghost", RecordingSource.Mixed(Path.Combine(h.Incoming, "never.wav")), CallTime, null, PipelineHarness.Timeout);
        var job = await encoder.WhenFinishedAsync("ghost", PipelineHarness.Timeout);

        Assert.Equal(RecordingJobState.Failed, job.State);
        Assert.Contains("missing", job.LastError, StringComparison.Ordinal);
    }
}
