using System.Collections.Concurrent;
using System.Globalization;
using CtiCore.Abstractions.Telephony;
using CtiCore.Asterisk.Ami;
using CtiCore.Asterisk.Protocol;
using CtiCore.Asterisk.Protocol.Actions;
using CtiCore.Domain.Telephony;
using CtiCore.Telephony.Agi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CtiCore.Telephony.Asterisk;

/// <summary>
/// Carries out the grains' commands on Asterisk. A routing answer goes to the FastAGI session holding the call when
/// there is one; otherwise the caller's channel is moved with AMI (Setvar + Redirect into the dialplan's dial step).
/// Idempotent by command id; a call Asterisk no longer has is logged, never thrown (its end arrives as an event).
/// </summary>
public sealed partial class AsteriskCommandSink(
    AmiClient ami,
    AmiCallTranslator translator,
    AgiRouteWaiters waiters,
    ITelephonyEventSink events,
    IOptions<AsteriskTelephonyOptions> options,
    TimeProvider time,
    ILogger<AsteriskCommandSink> logger) : ITelephonyCommandSink, ITelephonyCommandSupport
{
    private const int RememberedCommands = 10_000;
    private readonly ConcurrentDictionary<string, byte> _done = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _doneOrder = new();
    private readonly ConcurrentDictionary<string, string> _heldAgents = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>
    /// Answering from the desktop is not offered: Asterisk can make a PJSIP phone auto-answer only on a new INVITE
    /// (answer-after header at Dial time), not on a call that is already ringing, and remote "talk" NOTIFYs are
    /// vendor-specific (baresip and most softphones ignore them).
    /// </summary>
    public bool Supports(Type commandType) => commandType != typeof(AnswerCommand);

    public async Task SendAsync(TelephonyCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!_done.TryAdd(command.CommandId, 0))
        {
            return;
        }

        _doneOrder.Enqueue(command.CommandId);
        while (_doneOrder.Count > RememberedCommands && _doneOrder.TryDequeue(out var old))
        {
            _done.TryRemove(old, out _);
        }

        try
        {
            await ExecuteAsync(command, cancellationToken);
        }
        catch (AmiException exception)
        {
            LogCommandFailed(logger, command.GetType().Name, exception.Message);
        }
        catch (ArgumentException exception)
        {
            LogCommandFailed(logger, command.GetType().Name, exception.Message);
        }
    }

    private async Task ExecuteAsync(TelephonyCommand command, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        switch (command)
        {
            case RouteToEndpointCommand route:
                if (!GrainAgiRouteResolver.EndpointPattern().IsMatch(route.Endpoint))
                {
                    throw new ArgumentException("endpoint is not TECH/resource");
                }

                if (IsCampaignCall(route.CallId))
                {
                    await RedirectAsync(route.CallId, settings.CampaignContext, "agent", route.Endpoint, cancellationToken);
                }
                else if (!waiters.TryAnswer(route.CallId, AgiRouteAnswer.Dial(route.Endpoint)))
                {
                    await RedirectAsync(route.CallId, settings.RouteContext, settings.RouteExtension, route.Endpoint, cancellationToken);
                }

                break;
            case TransferCommand transfer:
                await TransferAsync(transfer, settings, cancellationToken);
                break;
            case HangupCommand hangup:
                if (CallerChannel(hangup.CallId) is { } channel)
                {
                    translator.NoteHangupRequested(hangup.CallId);
                    await ami.SendAsync(new HangupAction { Channel = channel, Cause = "16" }, cancellationToken);
                }
                else
                {
                    waiters.TryAnswer(hangup.CallId, AgiRouteAnswer.Fallback);
                }

                break;
            case HoldCommand hold:
                await HoldAsync(hold, cancellationToken);
                break;
            case ResumeCommand resume:
                await ResumeAsync(resume, cancellationToken);
                break;
            case CampaignOriginateCommand campaignCall:
                // Detached: the OriginateResponse comes only when the ringing ends (15 s or more), and the campaign
                // grain that sent the command must not wait for it.
                _ = Task.Run(() => OriginateCampaignCallDetachedAsync(campaignCall, settings), CancellationToken.None);
                break;
            case OriginateCommand originate:
                StartOriginate(originate, settings);
                break;
            case StartRecordingCommand start when CallerChannel(start.CallId) is { } recorded:
                await ami.SendAsync(new MixMonitorAction { Channel = recorded, File = (start.FileHint ?? start.CallId) + ".wav", Options = "b" }, cancellationToken);
                break;
            case StopRecordingCommand stop when CallerChannel(stop.CallId) is { } stopped:
                await ami.SendAsync(new StopMixMonitorAction { Channel = stopped }, cancellationToken);
                break;
            case PauseRecordingCommand or ResumeRecordingCommand when CallerChannel(command.CallId) is { } muted:
                await ami.SendAsync(new MixMonitorMuteAction { Channel = muted, Direction = "both", State = command is PauseRecordingCommand ? "1" : "0" }, cancellationToken);
                break;
            default:
                LogNoChannel(logger, command.GetType().Name);
                break;
        }
    }

    private async Task TransferAsync(TransferCommand transfer, AsteriskTelephonyOptions settings, CancellationToken cancellationToken)
    {
        var toEndpoint = transfer.DestinationKind == TransferDestinationKind.Endpoint;
        var toNumber = transfer.DestinationKind == TransferDestinationKind.Number;
        // An outside number is dialled through the dialplan's outbound context, which knows the trunk.
        var target = toNumber ? $"Local/{transfer.Destination.TrimStart('+')}@{settings.ClickToCallContext}" : transfer.Destination;
        if ((toEndpoint || toNumber) && !GrainAgiRouteResolver.EndpointPattern().IsMatch(target))
        {
            throw new ArgumentException("transfer destination is not dialable");
        }

        var answer = toEndpoint || toNumber ? AgiRouteAnswer.Dial(target) : AgiRouteAnswer.Fallback;
        if (waiters.TryAnswer(transfer.CallId, answer))
        {
            return;
        }

        if (answer.Action == "dial")
        {
            await RedirectAsync(transfer.CallId, settings.RouteContext, settings.RouteExtension, target, cancellationToken);
        }
        else
        {
            // Voicemail and callback prompts live in the fallback context of dialplans/extensions.conf.
            await RedirectAsync(transfer.CallId, "cticore-fallback", "s", null, cancellationToken);
        }
    }

    private async Task RedirectAsync(string callId, string context, string exten, string? target, CancellationToken cancellationToken)
    {
        if (CallerChannel(callId) is not { } channel)
        {
            LogNoChannel(logger, "Redirect");
            return;
        }

        if (target is not null)
        {
            await ami.SendAsync(new SetvarAction { Channel = channel, Variable = "CTICORE_TARGET", Value = target }, cancellationToken);
        }

        var response = await ami.SendAsync(new RedirectAction { Channel = channel, Context = context, Exten = exten, Priority = "1" }, cancellationToken);
        if (!response.IsSuccess)
        {
            LogCommandFailed(logger, "Redirect", response["Message"] ?? "refused");
        }
    }

    /// <summary>
    /// Checks the command, then originates in the background. Asterisk answers an async Originate only once the
    /// agent's phone answers or gives up (up to 30 s): awaiting that here would hold the calling grain, and with it
    /// every event of the same call the AMI pump delivers meanwhile. The outcome arrives as an <see cref="OriginateResult"/>.
    /// </summary>
    private void StartOriginate(OriginateCommand originate, AsteriskTelephonyOptions settings)
    {
        if (!GrainAgiRouteResolver.EndpointPattern().IsMatch(originate.AgentEndpoint))
        {
            throw new ArgumentException("agent endpoint is not TECH/resource");
        }

        // The dialplan's click-to-call context matches digits (_X.), so the E.164 plus goes.
        var digits = originate.Number.TrimStart('+');
        if (digits.Length is 0 or > 32 || !digits.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("number to dial is not E.164 digits");
        }

        _ = Task.Run(() => OriginateAsync(originate, digits, settings, CancellationToken.None), CancellationToken.None);
    }

    private async Task OriginateAsync(OriginateCommand originate, string digits, AsteriskTelephonyOptions settings, CancellationToken cancellationToken)
    {
        bool succeeded;
        string? reason = null;
        try
        {
            // ChannelId names the agent's channel after the call id, so its Linkedid (our call key) is the call id too.
            var response = await ami.OriginateAsync(new OriginateAction
            {
                Channel = originate.AgentEndpoint,
                Context = settings.ClickToCallContext,
                Exten = digits,
                Priority = "1",
                CallerID = originate.CallerId,
                Timeout = "30000",
                ChannelId = originate.CallId,
                Variables = new Dictionary<string, string> { ["CTICORE_INTERACTION"] = originate.CallId },
            }, cancellationToken);
            succeeded = string.Equals(response.Response, "Success", StringComparison.OrdinalIgnoreCase);
            reason = succeeded ? null : "originate " + (response.Packet["Reason"] ?? "failed");
        }
        catch (AmiException exception)
        {
            succeeded = false;
            reason = exception.Message;
        }
        catch (ArgumentException exception)
        {
            // A value the action writer refused (CR/LF in a caller id): the call never started.
            succeeded = false;
            reason = exception.Message;
        }

        try
        {
            await PublishOriginateResultAsync(originate, settings, succeeded, reason, cancellationToken);
        }
#pragma warning disable CA1031 // Runs detached: a failure must be logged, not lost as an unobserved task exception.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogCommandFailed(logger, "OriginateResult", exception.Message);
        }
    }

    private async Task PublishOriginateResultAsync(OriginateCommand originate, AsteriskTelephonyOptions settings, bool succeeded, string? reason, CancellationToken cancellationToken)
    {
        await events.PublishAsync(new OriginateResult
        {
            EventId = AmiCallTranslator.EventIdFor(settings.PbxName, originate.CallId, "originate:" + originate.CommandId),
            Source = "ami-commands:" + settings.PbxName,
            Sequence = Interlocked.Increment(ref _sequence),
            OccurredAt = time.GetUtcNow(),
            CallId = originate.CallId,
            CommandId = originate.CommandId,
            Succeeded = succeeded,
            FailureReason = reason,
            Pbx = new PbxCorrelation { ChannelId = originate.CallId, LinkedId = originate.CallId },
        }, cancellationToken);
    }

    /// <summary>
    /// Hold: the caller goes to music on hold and the agent's leg to a silent wait (dialplans/extensions.conf,
    /// [cticore-hold]) with one Redirect, so neither leg is hung up when the bridge breaks.
    /// </summary>
    private async Task HoldAsync(HoldCommand hold, CancellationToken cancellationToken)
    {
        if (CallerChannel(hold.CallId) is not { } caller)
        {
            LogNoChannel(logger, "Hold");
            return;
        }

        var peer = await ami.SendAsync(new GetvarAction { Channel = caller, Variable = "BRIDGEPEER" }, cancellationToken);
        if (!peer.IsSuccess || string.IsNullOrEmpty(peer["Value"]))
        {
            LogCommandFailed(logger, "Hold", "the caller is not bridged to an agent");
            return;
        }

        var agent = peer["Value"]!;
        var response = await ami.SendAsync(new RedirectAction
        {
            Channel = caller, Context = "cticore-hold", Exten = "caller", Priority = "1",
            ExtraChannel = agent, ExtraContext = "cticore-hold", ExtraExten = "agent", ExtraPriority = "1",
        }, cancellationToken);
        if (!response.IsSuccess)
        {
            LogCommandFailed(logger, "Hold", response["Message"] ?? "refused");
            return;
        }

        _heldAgents[hold.CallId] = agent;
        await PublishHoldAsync(new CallHeld(), hold, cancellationToken);
    }

    /// <summary>Resume: bridges the two held legs again (AMI Bridge).</summary>
    private async Task ResumeAsync(ResumeCommand resume, CancellationToken cancellationToken)
    {
        if (CallerChannel(resume.CallId) is not { } caller || !_heldAgents.TryRemove(resume.CallId, out var agent))
        {
            LogNoChannel(logger, "Resume");
            return;
        }

        var response = await ami.SendAsync(new AmiCustomAction("Bridge").Set("Channel1", caller).Set("Channel2", agent).Set("Tone", "no"), cancellationToken);
        if (!response.IsSuccess)
        {
            LogCommandFailed(logger, "Resume", response["Message"] ?? "refused");
            return;
        }

        await PublishHoldAsync(new CallResumed(), resume, cancellationToken);
    }

    private Task PublishHoldAsync(CallEvent change, TelephonyCommand command, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        change.EventId = AmiCallTranslator.EventIdFor(settings.PbxName, command.CallId, command.CommandId);
        change.Source = "ami-commands:" + settings.PbxName;
        change.Sequence = Interlocked.Increment(ref _sequence);
        change.OccurredAt = time.GetUtcNow();
        change.CallId = command.CallId;
        return events.PublishAsync(change, cancellationToken);
    }

    /// <summary>The caller's channel: on an inbound call its Uniqueid is the call id (the Linkedid).</summary>
    private string? CallerChannel(string callId) => translator.ChannelNameOf(callId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asterisk command {Command} failed: {Reason}")]
    private static partial void LogCommandFailed(ILogger logger, string command, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Asterisk command {Command} skipped: the call has no live channel")]
    private static partial void LogNoChannel(ILogger logger, string command);
}
