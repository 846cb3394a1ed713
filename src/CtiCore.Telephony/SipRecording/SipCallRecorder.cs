using System.Collections.Concurrent;
using CtiCore.Domain.Telephony;
using CtiCore.Media.Capture;
using CtiCore.Sip.B2bua;
using CtiCore.Sip.Rtp;
using CtiCore.Telephony.Sip;
using Microsoft.Extensions.Logging;

namespace CtiCore.Telephony.SipRecording;

/// <summary>
/// Records every answered call of the built-in PBX the way Asterisk's MixMonitor does for the AMI adapter: a stereo
/// WAV (caller left, agent right) per call in <paramref name="folder"/>, reported with RecordingStarted/Stopped so the
/// server's recording pipeline encodes it to Opus/Ogg and links it to the Interaction. PCI pause drops the audio at
/// the tap and reports RecordingPaused/Resumed (the pipeline marks the interval too). A disk error never fails the
/// call: that call is simply not recorded, and the error is logged.
/// </summary>
public sealed partial class SipCallRecorder(SipCallEvents events, string folder, TimeProvider time, ILogger<SipCallRecorder> logger) : ISipCallRecording
{
    private readonly ConcurrentDictionary<string, Active> _active = new(StringComparer.Ordinal);
    private long _steps;

    public string Folder { get; } = folder;

    public int ActiveRecordings => _active.Count;

    public IRtpRecordingTap? Begin(SipB2buaCall bridged)
    {
        ArgumentNullException.ThrowIfNull(bridged);
        return Begin(bridged.Id);
    }

    public void Finish(SipB2buaCall bridged)
    {
        ArgumentNullException.ThrowIfNull(bridged);
        Finish(bridged.Id);
    }

    /// <summary>Starts recording the call with this key (a safe call key: it names the file).</summary>
    public IRtpRecordingTap? Begin(string callKey)
    {
        ArgumentNullException.ThrowIfNull(callKey);
        var path = Path.Combine(Folder, callKey + ".wav"); // the id is a safe call key (SipCallKey)
        StereoCallRecorder recorder;
        try
        {
            Directory.CreateDirectory(Folder);
            File.Delete(path); // left by a crash during an earlier attempt of the same Call-ID
            recorder = StereoCallRecorder.Create(path, time);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogCannotRecord(logger, callKey, e);
            return null;
        }
        var tap = new RtpRecordingTap(recorder);
        if (!_active.TryAdd(callKey, new Active(tap, path)))
        {
            recorder.Dispose();
            return null;
        }
        events.Report(new RecordingStarted { CallId = callKey, File = path }, "recording:started");
        return tap;
    }

    public void Finish(string callKey)
    {
        ArgumentNullException.ThrowIfNull(callKey);
        if (!_active.TryRemove(callKey, out var active))
        {
            return;
        }
        try
        {
            active.Tap.Recorder.Dispose(); // writes the pending frames and the final RIFF sizes
        }
        catch (IOException e)
        {
            LogCannotRecord(logger, callKey, e);
        }
        events.Report(new RecordingStopped { CallId = callKey, File = active.Path }, "recording:stopped");
    }

    /// <summary>PCI pause or resume of a call being recorded; false when this PBX is not recording it.</summary>
    public bool SetPaused(string callKey, bool paused)
    {
        if (!_active.TryGetValue(callKey, out var active))
        {
            return false;
        }
        active.Tap.Paused = paused;
        var step = Interlocked.Increment(ref _steps).ToString(System.Globalization.CultureInfo.InvariantCulture);
        events.Report(paused
            ? new RecordingPaused { CallId = callKey, File = active.Path }
            : new RecordingResumed { CallId = callKey, File = active.Path }, (paused ? "recording:paused:" : "recording:resumed:") + step);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallKey} of the built-in PBX cannot be recorded")]
    private static partial void LogCannotRecord(ILogger logger, string callKey, Exception exception);

    private sealed record Active(RtpRecordingTap Tap, string Path);
}
