using System.Globalization;
using CtiCore.Media.Opus;
using Microsoft.Extensions.Logging;

namespace CtiCore.Media.Recording;

/// <summary>
/// Runs one attempt of a job. The order is what makes it crash-safe:
/// checkpoint the source's shape → encode to a hidden partial file → fsync → atomic rename → fsync the folder →
/// decode the final file back and hash it → only then delete the source WAVs. Every step can be repeated after a
/// crash: an attempt looks at what is on disk (source present? final present and verifiable?) and continues.
/// </summary>
public sealed partial class RecordingJobProcessor
{
    private const int BlockFrames = 8_000;

    private readonly RecordingStorageLayout _layout;
    private readonly IRecordingJobStore _store;
    private readonly OpusEncodingSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger<RecordingJobProcessor> _logger;
    private readonly IRecordingProgress? _progress;

    public RecordingJobProcessor(RecordingStorageLayout layout, IRecordingJobStore store, OpusEncodingSettings settings,
        TimeProvider time, ILogger<RecordingJobProcessor> logger, IRecordingProgress? progress = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _layout = layout;
        _store = store;
        _settings = settings;
        _time = time;
        _logger = logger;
        _progress = progress;
    }

    /// <summary>Brings the job to <see cref="RecordingJobState.Done"/> or <see cref="RecordingJobState.NoAudio"/>, or throws.</summary>
    public async Task<RecordingJob> ProcessAsync(RecordingJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var finalPath = _layout.FullPath(job.OutputPath);
        var sourceFiles = job.Source.Files;
        var sourcesPresent = sourceFiles.All(File.Exists);

        if (!sourcesPresent)
        {
            // Either a crash came after the sources were deleted (the final file was verified before that), or the
            // sources never existed. Only the first case can finish.
            if (File.Exists(finalPath) && job.SourceFrames is not null)
            {
                var info = Verify(finalPath, job);
                LogResumedAfterDelete(job.Id);
                return Finish(job, finalPath, info);
            }

            var missing = sourceFiles.First(f => !File.Exists(f));
            throw new FileNotFoundException($"Recording source of job {job.Id} is missing and no verified Opus file exists.", missing);
        }

        using (var audio = RecordingAudio.Open(job.Source))
        {
            if (audio.HeaderWasUnfinalized)
            {
                LogUnfinalizedHeader(job.Id);
            }

            if (audio.FrameCount == 0)
            {
                DeleteSources(job);
                LogNoAudio(job.Id);
                return job with
                {
                    State = RecordingJobState.NoAudio, SourceFrames = 0, SampleRate = audio.SampleRate, Channels = audio.Channels,
                    CompletedAt = _time.GetUtcNow(), UpdatedAt = _time.GetUtcNow(), NextAttemptAt = null, LastError = null,
                };
            }

            if (job.SourceFrames != audio.FrameCount || job.SampleRate != audio.SampleRate || job.Channels != audio.Channels)
            {
                job = job with
                {
                    SourceFrames = audio.FrameCount, SampleRate = audio.SampleRate, Channels = audio.Channels,
                    SourceBytes = sourceFiles.Sum(f => new FileInfo(f).Length), UpdatedAt = _time.GetUtcNow(),
                };
                await _store.SaveAsync(job, cancellationToken).ConfigureAwait(false);
            }

            if (!File.Exists(finalPath) || !TryVerifyExisting(finalPath, job))
            {
                Encode(job, audio, finalPath, cancellationToken);
            }
        }

        var verified = Verify(finalPath, job);
        DeleteSources(job);
        return Finish(job, finalPath, verified);
    }

    private void Encode(RecordingJob job, RecordingAudio audio, string finalPath, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(finalPath)!;
        Directory.CreateDirectory(directory);
        var partial = RecordingStorageLayout.PartialPathFor(finalPath);
        var started = _time.GetTimestamp();
        var tags = new List<KeyValuePair<string, string>>
        {
            new("CTICORE_CALL_KEY", job.Id),
            new("DATE", job.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        };
        // Vorbis comments may repeat a tag (RFC 7845 §5.2), so each pause is its own CTICORE_PAUSE entry.
        tags.AddRange((job.Pauses ?? []).Select(p => new KeyValuePair<string, string>(RecordingPause.CommentTag, p.ToCommentValue())));

        try
        {
            // FileMode.Create truncates what an interrupted attempt left behind.
            using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                using var writer = OggOpusWriter.Create(stream, audio.SampleRate, audio.Channels, _settings, tags);
                var block = new short[BlockFrames * audio.Channels];
                long encoded = 0;
                int frames;
                while ((frames = audio.Read(block)) > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    writer.Write(block.AsSpan(0, frames * audio.Channels));
                    encoded += frames;
                    _progress?.OnEncoded(job.Id, partial, encoded, audio.FrameCount);
                }

                writer.Complete();
                stream.Flush(flushToDisk: true);
            }

            File.Move(partial, finalPath, overwrite: true);
            DurableFile.FsyncDirectory(directory);
        }
        catch
        {
            TryDelete(partial);
            throw;
        }

        var elapsed = _time.GetElapsedTime(started);
        LogEncoded(job.Id, audio.FrameCount / (double)audio.SampleRate, elapsed.TotalMilliseconds);
    }

    private bool TryVerifyExisting(string finalPath, RecordingJob job)
    {
        try
        {
            Verify(finalPath, job);
            LogReusedExisting(job.Id);
            return true;
        }
        catch (OggOpusVerificationException ex)
        {
            LogExistingInvalid(job.Id, ex.Message);
            return false;
        }
    }

    private static OggOpusStreamInfo Verify(string finalPath, RecordingJob job)
    {
        var info = OggOpusReader.Decode(finalPath);
        var rate = job.SampleRate!.Value;
        var frames = job.SourceFrames!.Value;
        // At a non-Opus rate the file is decoded at 48 kHz; libopusenc rounds the end granule up (opusenc.c).
        var expected = info.OutputSampleRate == rate ? frames : ((frames * 48_000) + rate - 1) / rate;
        if (info.Channels != job.Channels || info.InputSampleRate != rate || info.FramesDecoded != expected)
        {
            throw new OggOpusVerificationException(OggOpusVerificationError.Mismatch,
                $"{finalPath} decodes to {info.FramesDecoded} frames × {info.Channels} ch at {info.InputSampleRate} Hz; " +
                $"expected {expected} × {job.Channels} at {rate}");
        }

        return info;
    }

    private RecordingJob Finish(RecordingJob job, string finalPath, OggOpusStreamInfo info)
    {
        var now = _time.GetUtcNow();
        var sourceBytes = job.SourceBytes.GetValueOrDefault();
        LogDone(job.Id, info.Sha256, info.Bytes, sourceBytes);
        return job with
        {
            State = RecordingJobState.Done, Sha256 = info.Sha256, OutputBytes = new FileInfo(finalPath).Length,
            CompletedAt = now, UpdatedAt = now, NextAttemptAt = null, LastError = null,
        };
    }

    private static void DeleteSources(RecordingJob job)
    {
        foreach (var file in job.Source.Files)
        {
            File.Delete(file);
        }

        foreach (var directory in job.Source.Files.Select(Path.GetDirectoryName).Distinct())
        {
            DurableFile.FsyncDirectory(directory!);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The next attempt truncates it anyway; it is hidden and never taken for a recording.
        }
    }

    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Recording {JobId} encoded: {AudioSeconds:F1} s of audio in {ElapsedMs:F0} ms")]
    private partial void LogEncoded(string jobId, double audioSeconds, double elapsedMs);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Recording {JobId} verified (SHA-256 {Sha256}, {OpusBytes} bytes from {SourceBytes} bytes of WAV); source deleted")]
    private partial void LogDone(string jobId, string sha256, long opusBytes, long sourceBytes);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Recording {JobId} holds no audio (header-only WAV); nothing kept")]
    private partial void LogNoAudio(string jobId);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Recording {JobId}: WAV header was never finalized (writer stopped abruptly); audio read to end of file")]
    private partial void LogUnfinalizedHeader(string jobId);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "Recording {JobId}: Opus file from an interrupted attempt verified; not encoded again")]
    private partial void LogReusedExisting(string jobId);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "Recording {JobId}: existing Opus file does not verify ({Reason}); encoding again")]
    private partial void LogExistingInvalid(string jobId, string reason);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Information, Message = "Recording {JobId}: resumed after its source was deleted; verified Opus file kept")]
    private partial void LogResumedAfterDelete(string jobId);
}
