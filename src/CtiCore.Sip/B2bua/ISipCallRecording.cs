using CtiCore.Sip.Rtp;

namespace CtiCore.Sip.B2bua;

/// <summary>
/// Records the built-in PBX's calls (implemented by the host, which owns the recording pipeline: the SIP project
/// may not reference Media). Called on the SIP receive path; implementations must be quick and must not throw.
/// </summary>
public interface ISipCallRecording
{
    /// <summary>The call was answered with anchored media: the tap to feed its audio to, or null not to record it.</summary>
    IRtpRecordingTap? Begin(SipB2buaCall bridged);

    /// <summary>The call ended (the tap is already detached): close the recording and hand it on.</summary>
    void Finish(SipB2buaCall bridged);

    /// <summary>A click-to-call was answered with anchored media (the destination is the caller's channel): its tap, or null.</summary>
    IRtpRecordingTap? Begin(string callKey);

    /// <summary>The click-to-call ended (the tap is already detached).</summary>
    void Finish(string callKey);
}
