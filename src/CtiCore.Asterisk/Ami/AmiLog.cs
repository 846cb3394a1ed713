using CtiCore.Asterisk.Protocol;
using Microsoft.Extensions.Logging;

namespace CtiCore.Asterisk.Ami;

/// <summary>AMI client logs, EventId range 4100-4199. No message takes a secret or an action's field values.</summary>
internal static partial class AmiLog
{
    [LoggerMessage(4100, LogLevel.Information, "AMI connecting to {Host}:{Port}")]
    public static partial void Connecting(ILogger logger, string host, int port);

    [LoggerMessage(4101, LogLevel.Information, "AMI logged in to {Banner} as {Username} ({LoginMode})")]
    public static partial void LoggedIn(ILogger logger, string banner, string username, AmiLoginMode loginMode);

    [LoggerMessage(4102, LogLevel.Error, "AMI login refused for {Username}: {Message}")]
    public static partial void LoginRefused(ILogger logger, string username, string? message);

    [LoggerMessage(4103, LogLevel.Warning, "AMI connection lost ({Reason}); {PendingCount} pending actions failed")]
    public static partial void ConnectionLost(ILogger logger, AmiErrorReason reason, int pendingCount, Exception? exception);

    [LoggerMessage(4104, LogLevel.Information, "AMI reconnecting in {Delay} (attempt {Attempt})")]
    public static partial void Reconnecting(ILogger logger, TimeSpan delay, int attempt);

    [LoggerMessage(4105, LogLevel.Error, "AMI protocol error ({Reason}), breaking the connection: {Message}")]
    public static partial void ProtocolError(ILogger logger, AmiErrorReason reason, string message);

    [LoggerMessage(4106, LogLevel.Warning, "AMI event channel full: dropped an event ({DroppedTotal} dropped since start); a resync follows")]
    public static partial void EventsDropped(ILogger logger, long droppedTotal);

    [LoggerMessage(4107, LogLevel.Information, "AMI resync ({Reason}): {Channels} channels, {Devices} device states")]
    public static partial void Resynchronized(ILogger logger, AmiResyncReason reason, int channels, int devices);

    [LoggerMessage(4108, LogLevel.Warning, "AMI resync ({Reason}) failed")]
    public static partial void ResyncFailed(ILogger logger, AmiResyncReason reason, Exception exception);

    [LoggerMessage(4109, LogLevel.Warning, "AMI action {Action} ({ActionId}) timed out after {Timeout}")]
    public static partial void ActionTimedOut(ILogger logger, string action, string actionId, TimeSpan timeout);

    [LoggerMessage(4110, LogLevel.Warning, "AMI keepalive Ping failed; breaking the connection")]
    public static partial void PingFailed(ILogger logger, Exception exception);

    [LoggerMessage(4111, LogLevel.Warning, "AMI connect attempt {Attempt} failed")]
    public static partial void ConnectFailed(ILogger logger, int attempt, Exception exception);

    [LoggerMessage(4112, LogLevel.Debug, "AMI response with unknown ActionID {ActionId} ignored")]
    public static partial void UnmatchedResponse(ILogger logger, string? actionId);

    [LoggerMessage(4113, LogLevel.Information, "AMI event channel has room again after dropping {Dropped} events")]
    public static partial void EventsFlowingAgain(ILogger logger, long dropped);
}
