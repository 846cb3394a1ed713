using System.Net;
using Microsoft.Extensions.Logging;
using CtiCore.Sip.Messages;

namespace CtiCore.Sip.Endpoint;

/// <summary>SIP endpoint log events, EventIds 4000–4099. Only addresses and reasons are logged, never URIs or numbers.</summary>
internal static partial class SipLog
{
    [LoggerMessage(4000, LogLevel.Information, "SIP endpoint listening on udp={Udp} tcp={Tcp}")]
    public static partial void Listening(ILogger logger, IPEndPoint? udp, IPEndPoint? tcp);

    [LoggerMessage(4001, LogLevel.Debug, "Rejected message from {Remote}: {Reason} ({Detail})")]
    public static partial void Rejected(ILogger logger, IPEndPoint remote, SipRejectionReason reason, string detail);

    [LoggerMessage(4002, LogLevel.Warning, "Broke TCP connection from {Remote}: {Reason} ({Detail})")]
    public static partial void StreamBroken(ILogger logger, IPEndPoint remote, SipRejectionReason reason, string detail);

    [LoggerMessage(4003, LogLevel.Error, "Unexpected failure handling a message from {Remote}")]
    public static partial void Failed(ILogger logger, Exception exception, IPEndPoint remote);

    [LoggerMessage(4004, LogLevel.Warning, "Could not send to {Remote}")]
    public static partial void SendFailed(ILogger logger, Exception exception, IPEndPoint remote);

    [LoggerMessage(4005, LogLevel.Debug, "{Method} from {Remote} answered {Status}")]
    public static partial void Answered(ILogger logger, string method, IPEndPoint remote, int status);

    [LoggerMessage(4006, LogLevel.Warning, "No ACK for a 2xx from {Remote}; giving up retransmission")]
    public static partial void AckTimeout(ILogger logger, IPEndPoint remote);
}
