namespace CtiCore.Sip.Rtp;

/// <summary>
/// Receives the G.711 audio (payload types 0 PCMU and 8 PCMA, RFC 3551) each leg sends through the relay. The SIP
/// project may not reference Media (tests/CtiCore.Architecture.Tests), so the host implements this with Media's G.711
/// decoder and WAV writer. Called on the relay's receive path, concurrently for the two legs: it must be quick and
/// must not throw (an exception is caught, counted and the tap is then left alone).
/// </summary>
public interface IRtpRecordingTap
{
    void OnAudio(RtpLegRole leg, in RtpHeader header, ReadOnlySpan<byte> payload);
}
