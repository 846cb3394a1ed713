namespace CtiCore.Sip.Rtp;

/// <summary>
/// What the relay counted for one call's media: each leg's <see cref="RtpLegCounters"/>. <see cref="Closed"/> says the
/// session has closed and the receive loops have stopped, so the counts are final; before that they are a live
/// snapshot that may still grow.
/// </summary>
public readonly record struct RtpSessionCounters(RtpLegCounters Caller, RtpLegCounters Agent, bool Closed);
