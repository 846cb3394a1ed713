using System.Net;
using Microsoft.Extensions.Logging;

namespace CtiCore.Sip.Rtp;

/// <summary>RTP relay log events, EventIds 4300–4349. Addresses and counts only; no payload.</summary>
internal static partial class RtpLog
{
    [LoggerMessage(4300, LogLevel.Debug, "RTP session opened: caller leg {Caller}, agent leg {Agent}")]
    public static partial void Opened(ILogger logger, IPEndPoint caller, IPEndPoint agent);

    [LoggerMessage(4301, LogLevel.Debug, "RTP session closed: caller {CallerCounters}, agent {AgentCounters}")]
    public static partial void Closed(ILogger logger, RtpLegCounters callerCounters, RtpLegCounters agentCounters);

    [LoggerMessage(4302, LogLevel.Warning, "No port pair left in the RTP range {Start}-{End}")]
    public static partial void PortsExhausted(ILogger logger, int start, int end);

    [LoggerMessage(4303, LogLevel.Information, "RTP {Role} leg latched to {Remote}")]
    public static partial void Latched(ILogger logger, RtpLegRole role, IPEndPoint remote);

    [LoggerMessage(4304, LogLevel.Information, "No RTP from the {Role} leg for {Timeout}: media timed out")]
    public static partial void TimedOut(ILogger logger, RtpLegRole role, TimeSpan timeout);

    [LoggerMessage(4305, LogLevel.Error, "The recording tap failed on the {Role} leg; recording stops for this call")]
    public static partial void TapFailed(ILogger logger, Exception exception, RtpLegRole role);
}
