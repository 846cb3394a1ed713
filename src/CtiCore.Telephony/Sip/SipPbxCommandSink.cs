using System.Collections.Concurrent;
using CtiCore.Abstractions.Telephony;
using CtiCore.Domain.Ports;
using CtiCore.Domain.Telephony;
using CtiCore.Sip.B2bua;
using CtiCore.Sip.Endpoint;
using CtiCore.Sip.Messages;
using CtiCore.Telephony.SipRecording;
using Microsoft.Extensions.Logging;

namespace CtiCore.Telephony.Sip;

/// <summary>
/// Carries out the grains' commands on the built-in PBX. A routing command rings the agent's registered phone
/// (found by the endpoint's user part, then the agent's login and extension) for the department's ring timeout;
/// hang-up ends the call; a transfer of an answered call (to an agent's endpoint, an extension or a number through
/// <see cref="SipPbxOptions.Trunk"/>) is a blind transfer, and so is a REFER from an agent's phone; a transfer of a
/// waiting call to voicemail or callback ends it with 480 (the built-in PBX has neither yet); PCI pause/resume goes
/// to the call's recording. Idempotent by command id; a call that is already gone is logged, never thrown.
/// </summary>
public sealed partial class SipPbxCommandSink(
    SipB2bua b2bua,
    SipEndpoint endpoint,
    ISipAccountDirectory accounts,
    ITelephonyEventSink events,
    SipPbxOptions options,
    TimeProvider time,
    ILogger<SipPbxCommandSink> logger,
    SipCallRecorder? recorder = null) : ITelephonyCommandSink
{
    private const int RememberedCommands = 10_000;
    private readonly ConcurrentDictionary<string, byte> _done = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _doneOrder = new();

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

        switch (command)
        {
            case RouteToEndpointCommand route:
                await RouteAsync(route, cancellationToken).ConfigureAwait(false);
                break;
            case HangupCommand:
                if (!b2bua.Hangup(command.CallId))
                {
                    LogNoCall(logger, "Hangup");
                }
                break;
            case TransferCommand { DestinationKind: TransferDestinationKind.Endpoint } transfer when b2bua.Find(transfer.CallId) is { IsAnswered: false }:
                await RouteAsync(new RouteToEndpointCommand { CallId = transfer.CallId, Endpoint = transfer.Destination }, cancellationToken).ConfigureAwait(false);
                break;
            case TransferCommand { DestinationKind: TransferDestinationKind.Voicemail or TransferDestinationKind.CallbackRequest }:
                b2bua.Hangup(command.CallId, 480);
                break;
            case TransferCommand transfer:
                if (!await TransferAsync(transfer.CallId, transfer.Destination, cancellationToken).ConfigureAwait(false))
                {
                    LogTransferFailed(logger, transfer.CallId);
                }
                break;
            case PauseRecordingCommand or ResumeRecordingCommand:
                if (recorder?.SetPaused(command.CallId, command is PauseRecordingCommand) != true)
                {
                    LogNoCall(logger, command.GetType().Name);
                }
                break;
            case OriginateCommand originate:
                // Click-to-call needs a UAC leg to the number's trunk, which the built-in PBX does not have yet.
                // The refusal is reported detached: the call grain that sent this command is still awaiting it, and
                // the result is an event for that same grain, so publishing it inline would deadlock the grain.
                _ = Task.Run(() => ReportOriginateUnsupportedAsync(originate), CancellationToken.None);
                break;
            default:
                LogUnsupported(logger, command.GetType().Name);
                break;
        }
    }

    private async Task ReportOriginateUnsupportedAsync(OriginateCommand originate)
    {
        try
        {
            await events.PublishAsync(new OriginateResult
            {
                EventId = $"sip:{options.PbxName}:{originate.CallId}:originate:{originate.CommandId}",
                Source = "sip-commands:" + options.PbxName,
                Sequence = time.GetTimestamp(),
                OccurredAt = time.GetUtcNow(),
                CallId = originate.CallId,
                CommandId = originate.CommandId,
                Succeeded = false,
                FailureReason = "click-to-call is not supported by the built-in PBX yet",
            }, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Runs detached: a failure must be logged, not lost as an unobserved task exception.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogReportFailed(logger, originate.CallId, ex);
        }
    }

    private async Task RouteAsync(RouteToEndpointCommand route, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        if (UserOf(route.Endpoint) is { } fromEndpoint)
        {
            names.Add(fromEndpoint);
        }
        if (route.AgentId != 0)
        {
            names.AddRange(await accounts.GetSipUserNamesAsync(route.AgentId, cancellationToken).ConfigureAwait(false));
        }
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            var bindings = endpoint.Registrar.GetBindingsForUser(name);
            if (bindings.Count > 0)
            {
                var ringSeconds = options.MaxAgentRingSeconds > 0 && (route.RingTimeoutSeconds <= 0 || route.RingTimeoutSeconds > options.MaxAgentRingSeconds)
                    ? options.MaxAgentRingSeconds
                    : route.RingTimeoutSeconds;
                var ringTimeout = ringSeconds > 0 ? TimeSpan.FromSeconds(ringSeconds) : (TimeSpan?)null;
                if (!b2bua.RouteTo(route.CallId, name, route.Endpoint, bindings, ringTimeout))
                {
                    LogNoCall(logger, "Route");
                }
                return;
            }
        }
        // The call grain's ring timer moves the call on, as for a phone that does not answer.
        LogNotRegistered(logger, route.AgentId);
    }

    /// <summary>
    /// An agent's phone sent REFER (202 already answered): ring the Refer-To target, or tell the phone it failed.
    /// Runs detached from the SIP receive path, which must not wait for the CRM.
    /// </summary>
    public void OnTransferAsked(SipB2buaCall bridged, string target)
    {
        ArgumentNullException.ThrowIfNull(bridged);
        _ = Task.Run(async () =>
        {
            try
            {
                if (!await TransferAsync(bridged.Id, target, CancellationToken.None).ConfigureAwait(false))
                {
                    LogTransferFailed(logger, bridged.Id);
                    b2bua.FailTransfer(bridged.Id, 404);
                }
            }
#pragma warning disable CA1031 // Runs detached: a CRM failure must be logged and the phone told, not lost.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogTransferError(logger, bridged.Id, ex);
                b2bua.FailTransfer(bridged.Id, 503);
            }
        }, CancellationToken.None);
    }

    /// <summary>
    /// A blind transfer of an answered call to <paramref name="destination"/>: a registered phone (an extension or a
    /// login, or an agent's endpoint label such as "SIP/3102"), else a number through the configured trunk.
    /// </summary>
    private async Task<bool> TransferAsync(string callId, string destination, CancellationToken cancellationToken)
    {
        if (destination.Length > 0 && destination.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')'))
        {
            // A number as a person types it ("+7 495 123-45-67"): the dial string is its digits.
            destination = (destination.TrimStart().StartsWith('+') ? "+" : string.Empty) + string.Concat(destination.Where(char.IsAsciiDigit));
        }
        if (UserOf(destination) is not { } user)
        {
            return false;
        }
        var names = new List<string> { user };
        if (await accounts.FindAsync(user, cancellationToken).ConfigureAwait(false) is { } account)
        {
            names.AddRange(await accounts.GetSipUserNamesAsync(account.UserId, cancellationToken).ConfigureAwait(false));
        }
        var ringTimeout = TimeSpan.FromSeconds(options.TransferRingTimeoutSeconds);
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            if (SipB2bua.BestContact(endpoint.Registrar.GetBindingsForUser(name)) is { } contact)
            {
                return b2bua.TransferTo(callId, contact, name, "SIP/" + name, ringTimeout);
            }
        }
        if (!string.IsNullOrWhiteSpace(options.Trunk) && IsDialString(user))
        {
            return b2bua.TransferTo(callId, SipUri.Parse($"sip:{user}@{options.Trunk}"), user, user, ringTimeout);
        }
        return false;
    }

    /// <summary>Only digits with an optional leading '+' go to the trunk: nothing else can be smuggled into its URI.</summary>
    private static bool IsDialString(string text) =>
        text.Length is > 0 and <= 32 && text.AsSpan(text[0] == '+' ? 1 : 0).IndexOfAnyExceptInRange('0', '9') < 0 && text != "+";

    /// <summary>"sip:101@host" → 101, "PJSIP/101" → 101, "101" → 101.</summary>
    internal static string? UserOf(string endpointLabel)
    {
        if (string.IsNullOrWhiteSpace(endpointLabel))
        {
            return null;
        }
        var text = endpointLabel.Trim();
        if (text.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || text.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
        {
            var start = text.IndexOf(':', StringComparison.Ordinal) + 1;
            var at = text.IndexOf('@', start);
            return at > start ? text[start..at] : null;
        }
        var slash = text.LastIndexOf('/');
        return slash >= 0 ? (slash < text.Length - 1 ? text[(slash + 1)..] : null) : text;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Built-in PBX: the transfer of call {CallId} found no registered phone or trunk for its target, or the call cannot be transferred now")]
    private static partial void LogTransferFailed(ILogger logger, string callId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Built-in PBX: the transfer of call {CallId} failed")]
    private static partial void LogTransferError(ILogger logger, string callId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Built-in PBX command {Command} skipped: the call is gone")]
    private static partial void LogNoCall(ILogger logger, string command);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Built-in PBX could not report the click-to-call refusal of call {CallId}")]
    private static partial void LogReportFailed(ILogger logger, string callId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Built-in PBX command {Command} is not supported yet")]
    private static partial void LogUnsupported(ILogger logger, string command);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent {AgentId} has no registered phone; the call waits for the next decision")]
    private static partial void LogNotRegistered(ILogger logger, long agentId);
}
