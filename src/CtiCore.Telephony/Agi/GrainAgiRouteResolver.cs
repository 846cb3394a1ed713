using System.Text.RegularExpressions;
using CtiCore.Abstractions.Calls;
using CtiCore.Abstractions.Telephony;
using CtiCore.Asterisk.Protocol.Agi;
using CtiCore.Domain.Telephony;
using CtiCore.Telephony.Asterisk;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CtiCore.Telephony.Agi;

/// <summary>
/// Answers AGI(agi://…/route,DNIS[,retry]) from the routing grains: announces the call as offered (with the same event
/// id the AMI side uses, so the call grain sees one offer), then waits for the call grain's routing command. No
/// decision within <see cref="AsteriskTelephonyOptions.AgiDecisionTimeout"/> means "queue" when CtiCore queued the
/// call, else "fallback": the caller is never left in silence.
/// </summary>
public sealed partial class GrainAgiRouteResolver(
    ITelephonyEventSink events,
    IGrainFactory grains,
    AgiRouteWaiters waiters,
    IOptions<AsteriskTelephonyOptions> options,
    TimeProvider time,
    ILogger<GrainAgiRouteResolver> logger) : IAgiRouteResolver
{
    private long _sequence;

    public async Task<AgiRouteAnswer> ResolveAsync(AgiRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        var callId = request.UniqueId;
        if (callId is null || !UniqueIdPattern().IsMatch(callId))
        {
            LogUntrusted(logger, "agi_uniqueid");
            return AgiRouteAnswer.Fallback;
        }

        using var lease = waiters.Wait(callId);
        try
        {
            var retry = request.Arguments.Count > 1 && request.Arguments[1] == "retry";
            if (!retry)
            {
                var dialled = request.Arguments.Count > 0 ? request.Arguments[0] : request.Dnid;
                await events.PublishAsync(new CallOffered
                {
                    EventId = AmiCallTranslator.EventIdFor(settings.PbxName, callId, "offered"),
                    Source = "agi:" + settings.PbxName,
                    Sequence = Interlocked.Increment(ref _sequence),
                    OccurredAt = time.GetUtcNow(),
                    CallId = callId,
                    CallerNumber = Clean(request.CallerIdNumber, 32),
                    CallerName = Clean(request.CallerIdName, 80),
                    DialledNumber = dialled is not null && NumberPattern().IsMatch(dialled) ? dialled : null,
                    Trunk = AmiCallTranslator.Endpoint(Clean(request.Channel, 128)),
                    Pbx = new PbxCorrelation { ChannelId = callId, LinkedId = callId, ChannelName = Clean(request.Channel, 128) },
                }, cancellationToken);
            }

            try
            {
                var answer = await lease.Answer.WaitAsync(settings.AgiDecisionTimeout, time, cancellationToken);
                return answer.Action == "dial" && !EndpointPattern().IsMatch(answer.Target) ? AgiRouteAnswer.Fallback : answer;
            }
            catch (TimeoutException)
            {
                var view = await grains.GetGrain<ICallGrain>(callId).GetViewAsync();
                return view.IsQueued ? AgiRouteAnswer.Queue(settings.WaitQueue) : AgiRouteAnswer.Fallback;
            }
        }
        catch (ArgumentException exception)
        {
            LogRejected(logger, exception.Message);
            return AgiRouteAnswer.Fallback;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Whatever failed inside CtiCore, the dialplan's fallback takes the caller.
            LogFailed(logger, exception);
            return AgiRouteAnswer.Fallback;
        }
    }

    /// <summary>Caller id and channel come from callers and trunks: trimmed to a sane length, "unknown" dropped.</summary>
    private static string? Clean(string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value) || value is "unknown" or "<unknown>")
        {
            return null;
        }

        return value.Length > maxLength ? value[..maxLength] : value;
    }

    [GeneratedRegex(@"^[0-9]{1,20}\.[0-9]{1,10}$")]
    private static partial Regex UniqueIdPattern();

    [GeneratedRegex(@"^\+?[0-9*#]{1,32}$")]
    private static partial Regex NumberPattern();

    /// <summary>What may go into Dial(): a technology and a resource, nothing that could add Dial options.</summary>
    [GeneratedRegex(@"^[A-Za-z]{2,16}/[A-Za-z0-9_.@:+-]{1,80}$")]
    internal static partial Regex EndpointPattern();

    [LoggerMessage(Level = LogLevel.Warning, Message = "FastAGI request with an invalid {Field}; answered with fallback")]
    private static partial void LogUntrusted(ILogger logger, string field);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FastAGI offer rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "FastAGI routing failed; answered with fallback")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
