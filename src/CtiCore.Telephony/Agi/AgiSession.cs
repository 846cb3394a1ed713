using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using CtiCore.Asterisk.Protocol.Agi;
using CtiCore.Telephony.Asterisk;
using Microsoft.Extensions.Logging;

namespace CtiCore.Telephony.Agi;

/// <summary>
/// One FastAGI session over a duplex pipe: check the peer, read the environment, resolve the route, answer with
/// SET VARIABLE commands and close. Nothing a peer sends can crash it: bad input ends the session, and the dialplan
/// falls back because AGISTATUS or CTICORE_ACTION says so.
/// </summary>
public sealed partial class AgiSession(IAgiRouteResolver resolver, AsteriskTelephonyOptions options, TimeProvider time, ILogger<AgiSession> logger)
{
    /// <summary>How long the PBX may take to send the environment and to confirm each command.</summary>
    private static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(5);

    public async Task RunAsync(IDuplexPipe transport, IPAddress? peer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transport);
        if (!options.IsAllowedPeer(peer))
        {
            LogRefusedPeer(logger, peer?.ToString() ?? "unknown");
            await transport.Output.CompleteAsync();
            return;
        }

        using var deadline = new CancellationTokenSource(PeerTimeout + options.AgiDecisionTimeout + PeerTimeout, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var request = await ReadRequestAsync(transport.Input, timeout.Token);
            if (request is null)
            {
                return;
            }

            var answer = request.NetworkScript == "route"
                ? await resolver.ResolveAsync(request, timeout.Token)
                : AgiRouteAnswer.Fallback;
            if (request.NetworkScript != "route")
            {
                LogUnknownScript(logger);
            }

            await SendAsync(transport, AgiCommandWriter.SetVariable("CTICORE_ACTION", answer.Action), timeout.Token);
            await SendAsync(transport, AgiCommandWriter.SetVariable("CTICORE_TARGET", answer.Target), timeout.Token);
            LogAnswered(logger, answer.Action);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimedOut(logger);
        }
        catch (AgiSessionException exception)
        {
            LogBadPeerData(logger, exception.Message);
        }
        catch (IOException exception)
        {
            LogBadPeerData(logger, exception.Message);
        }
        finally
        {
            await transport.Output.CompleteAsync();
        }
    }

    private static async Task<AgiRequest?> ReadRequestAsync(PipeReader input, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await input.ReadAsync(cancellationToken);
            var status = AgiRequestReader.TryRead(read.Buffer, out var consumed, out var examined, out var request, out var error);
            input.AdvanceTo(consumed, examined);
            switch (status)
            {
                case OperationStatus.Done:
                    return request;
                case OperationStatus.InvalidData:
                    throw new AgiSessionException(error ?? "malformed AGI environment");
                default:
                    if (read.IsCompleted)
                    {
                        return null;
                    }

                    break;
            }
        }
    }

    private static async Task SendAsync(IDuplexPipe transport, byte[] command, CancellationToken cancellationToken)
    {
        await transport.Output.WriteAsync(command, cancellationToken);
        while (true)
        {
            var read = await transport.Input.ReadAsync(cancellationToken);
            var status = AgiReplyReader.TryRead(read.Buffer, out var consumed, out var examined, out var reply, out var error);
            transport.Input.AdvanceTo(consumed, examined);
            if (status == OperationStatus.Done)
            {
                if (reply!.IsHangup)
                {
                    continue; // the caller hung up; Asterisk still answers the command under way
                }

                if (!reply.IsSuccess)
                {
                    throw new AgiSessionException($"AGI command refused with status {reply.Status}");
                }

                return;
            }

            if (status == OperationStatus.InvalidData)
            {
                throw new AgiSessionException(error ?? "malformed AGI reply");
            }

            if (read.IsCompleted)
            {
                throw new AgiSessionException("the PBX closed the AGI session before answering");
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "FastAGI connection from {Peer} refused: not a configured PBX address")]
    private static partial void LogRefusedPeer(ILogger logger, string peer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FastAGI session ended: {Reason}")]
    private static partial void LogBadPeerData(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FastAGI session timed out; the dialplan falls back")]
    private static partial void LogTimedOut(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "FastAGI request for an unknown script; answered with fallback")]
    private static partial void LogUnknownScript(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "FastAGI route answered: {Action}")]
    private static partial void LogAnswered(ILogger logger, string action);
}
