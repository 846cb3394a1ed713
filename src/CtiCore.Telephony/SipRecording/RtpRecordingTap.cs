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
    public StereoCallRecorder Recorder { get; } = recorder ?? throw new ArgumentNullException(nameof(recorder));

    public void OnAudio(RtpLegRole leg, in RtpHeader header, ReadOnlySpan<byte> payload)
    {
        // The relay taps payload types 0 (PCMU) and 8 (PCMA) only, the static G.711 assignments of RFC 3551.
        var law = header.PayloadType == 8 ? G711Law.ALaw : G711Law.MuLaw;
        var channel = leg == RtpLegRole.Caller ? CallChannel.Caller : CallChannel.Agent;
        Recorder.Write(channel, law, header.Ssrc, header.Timestamp, payload);
    }
}
