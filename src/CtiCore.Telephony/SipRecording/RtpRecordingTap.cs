using CtiCore.Media.Capture;
using CtiCore.Sip.Rtp;

namespace CtiCore.Telephony.SipRecording;

/// <summary>
/// The glue between the SIP media relay and the recording pipeline: the relay's G.711 packets go to a
/// <see cref="StereoCallRecorder"/> (caller left, agent right). Lives here because Sip and Media may not reference
/// each other (tests/CtiCore.Architecture.Tests); Telephony may reach both.
/// </summary>
public sealed class RtpRecordingTap(StereoCallRecorder recorder) : IRtpRecordingTap
{
    private volatile bool _paused;

    public StereoCallRecorder Recorder { get; } = recorder ?? throw new ArgumentNullException(nameof(recorder));

    /// <summary>PCI pause: card numbers read out now must never reach the disk, so the audio is dropped, not muted later
    /// (the recorder places packets by RTP timestamp, so the pause stays a silence of the right length).</summary>
    public bool Paused
    {
        get => _paused;
        set => _paused = value;
    }

    public void OnAudio(RtpLegRole leg, in RtpHeader header, ReadOnlySpan<byte> payload)
    {
        if (_paused)
        {
            return;
        }

        // The relay taps payload types 0 (PCMU) and 8 (PCMA) only, the static G.711 assignments of RFC 3551.
        var law = header.PayloadType == 8 ? G711Law.ALaw : G711Law.MuLaw;
        var channel = leg == RtpLegRole.Caller ? CallChannel.Caller : CallChannel.Agent;
        Recorder.Write(channel, law, header.Ssrc, header.Timestamp, payload);
    }
}
