using System.Net.Sockets;
using CtiCore.Abstractions.Telephony;
using CtiCore.Sip.Endpoint;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CtiCore.Telephony.Sip;

/// <summary>
/// Runs the built-in PBX: opens the SIP sockets and feeds the B2BUA's events to the grains in order. A port already
/// taken is logged and the server carries on without SIP: the CRM must not go down for its PBX. The container
/// disposes the endpoint (closing the sockets).
/// </summary>
public sealed partial class SipPbxService(
    SipEndpoint endpoint,
    SipCallEvents callEvents,
    SipPbxCommandSink commands,
    ITelephonyEventSink events,
    ILogger<SipPbxService> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // A phone's REFER names its target; the command sink resolves it like a transfer command.
        callEvents.TransferAsked += commands.OnTransferAsked;
        try
        {
            await endpoint.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException exception)
        {
            LogCannotListen(logger, endpoint.Options.Address, endpoint.Options.Port, exception.Message);
        }
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var telephonyEvent in callEvents.Events.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await events.PublishAsync(telephonyEvent, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // One event the grains could not take must not stop the stream.
                    LogPublishFailed(logger, telephonyEvent.GetType().Name, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The built-in PBX cannot listen on {Address}:{Port} ({Reason}); running without SIP")]
    private static partial void LogCannotListen(ILogger logger, string address, int port, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telephony event {Event} from the built-in PBX could not be delivered")]
    private static partial void LogPublishFailed(ILogger logger, string @event, Exception exception);
}
