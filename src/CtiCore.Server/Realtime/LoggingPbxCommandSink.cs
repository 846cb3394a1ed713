using CtiCore.Domain.Telephony;

namespace CtiCore.Server.Realtime;

/// <summary>
/// The PBX side when no adapter is configured in this host: commands are logged (never the numbers) and recorded
/// for tests, so the desktop works against injected events. A PBX adapter registers its own sink under
/// <see cref="RealtimeHostingExtensions.PbxCommandSinkKey"/>.
/// </summary>
internal sealed partial class LoggingPbxCommandSink(ILogger<LoggingPbxCommandSink> logger) : ITelephonyCommandSink
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<TelephonyCommand> _sent = new();

    public IReadOnlyCollection<TelephonyCommand> Sent => _sent;

    public Task SendAsync(TelephonyCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        _sent.Enqueue(command);
        LogCommand(logger, command.GetType().Name, command.CommandId);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "No PBX adapter: {Command} {CommandId} not sent")]
    private static partial void LogCommand(ILogger logger, string command, string commandId);
}
