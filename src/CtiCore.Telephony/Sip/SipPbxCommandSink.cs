using System.Collections.Concurrent;
using CtiCore.Domain.Ports;
using CtiCore.Domain.Telephony;
using CtiCore.Sip.B2bua;
using CtiCore.Sip.Endpoint;
using CtiCore.Sip.Messages;
using CtiCore.Sip.Transport;
using CtiCore.Telephony.SipRecording;
using Microsoft.Extensions.Logging;

namespace CtiCore.Telephony.Sip;

/// <summary>
/// Carries out the grains' commands on the built-in PBX. A routing command rings the agent's registered phone
/// (found by the endpoint's user part, then the agent's login and extension) for the department's ring timeout;
/// hang-up ends the call; a transfer of an answered call (to an agent's endpoint, an extension or a number through
/// <see cref="SipPbxOptions.Trunk"/>) is a blind transfer, and so is a REFER from an agent's phone (on a click-to-call too); a transfer of a
/// waiting call to voicemail or callback ends it with 480 (the built-in PBX has neither yet); PCI pause/resume goes
/// to the call's recording; click-to-call rings the agent's phone, then the number (SipPbxCommandSink.Originate.cs).
/// Idempotent by command id; a call that is already gone is logged, never thrown.
/// </summary>
public sealed partial class SipPbxCommandSink(
    SipB2bua b2bua,
    SipEndpoint endpoint,
    ISipAccountDirectory accounts,
    SipPbxOptions options,
    SipCallEvents callEvents,
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
                if (!b2bua.Hangup(command.CallId) && !b2bua.HangupOriginated(command.CallId))
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
                try
                {
                    await OriginateAsync(originate, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception refused) when (refused is ArgumentException or InvalidOperationException)
                {
                    // Refused before anything rang: the caller shows the reason, and may try again with the same id.
                    _done.TryRemove(command.CommandId, out _);
                    throw;
                }
                break;
            default:
                LogUnsupported(logger, command.GetType().Name);
                break;
        }
    }

    private async Task RouteAsync(RouteToEndpointCommand route, CancellationToken cancellationToken)
    {
        await foreach (var name in AgentSipNamesAsync(route.Endpoint, route.AgentId, cancellationToken).ConfigureAwait(false))
        {
            if (TryRoute(route, name))
            {
                return;
            }
        }
        // The call grain's ring timer moves the call on, as for a phone that does not answer.
        LogNotRegistered(logger, route.AgentId);
    }

    private bool TryRoute(RouteToEndpointCommand route, string sipUserName)
    {
        var bindings = endpoint.Registrar.GetBindingsForUser(sipUserName);
        if (bindings.Count == 0)
        {
            return false;
        }
        var ringSeconds = options.MaxAgentRingSeconds > 0 && (route.RingTimeoutSeconds <= 0 || route.RingTimeoutSeconds > options.MaxAgentRingSeconds)
            ? options.MaxAgentRingSeconds
            : route.RingTimeoutSeconds;
        var ringTimeout = ringSeconds > 0 ? TimeSpan.FromSeconds(ringSeconds) : (TimeSpan?)null;
        if (!b2bua.RouteTo(route.CallId, sipUserName, route.Endpoint, bindings, ringTimeout))
        {
            LogNoCall(logger, "Route");
        }
        return true;
    }

    /// <summary>
    /// An agent's phone sent REFER (202 already answered): ring the Refer-To target, or tell the phone it failed.
    /// Runs detached from the SIP receive path, which must not wait for the CRM.
    /// </summary>
    public void OnTransferAsked(string callId, string target)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                if (!await TransferAsync(callId, target, CancellationToken.None).ConfigureAwait(false))
                {
                    LogTransferFailed(logger, callId);
                    b2bua.FailTransfer(callId, 404);
                }
            }
#pragma warning disable CA1031 // Runs detached: a CRM failure must be logged and the phone told, not lost.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogTransferError(logger, callId, ex);
                b2bua.FailTransfer(callId, 503);
            }
        }, CancellationToken.None);
    }

    /// <summary>
    /// A blind transfer of an answered call to <paramref name="destination"/>: a registered phone (an extension or a
    /// login, or an agent's endpoint label such as "SIP/3102"), else a number through the configured trunk.
    /// </summary>
    private async Task<bool> TransferAsync(string callId, string destination, CancellationToken cancellationToken) =>
        await ResolveTargetAsync(destination, cancellationToken).ConfigureAwait(false) is { } target
        && b2bua.TransferTo(callId, target.Contact, target.User, target.Label, TimeSpan.FromSeconds(options.TransferRingTimeoutSeconds));

    /// <summary>
    /// Where a transfer or a click-to-call reaches <paramref name="destination"/>: a registered phone (an extension or a
    /// login, or an agent's endpoint label such as "SIP/3102"), else a number through the configured trunk; null when neither.
    /// </summary>
    private async Task<SipTarget?> ResolveTargetAsync(string destination, CancellationToken cancellationToken)
    {
        if (UserOf(DialString(destination)) is not { } user)
        {
            return null;
        }
        var names = new List<string> { user };
        if (await accounts.FindAsync(user, cancellationToken).ConfigureAwait(false) is { } account)
        {
            names.AddRange(await accounts.GetSipUserNamesAsync(account.UserId, cancellationToken).ConfigureAwait(false));
        }
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            if (SipB2bua.BestBinding(endpoint.Registrar.GetBindingsForUser(name)) is { } binding)
            {
                return new SipTarget(binding.Contact.Uri!, name, "SIP/" + name, binding.Source);
            }
        }
        if (!string.IsNullOrWhiteSpace(options.Trunk) && IsDialString(user))
        {
            return new SipTarget(SipUri.Parse($"sip:{user}@{options.Trunk}"), user, user);
        }
        return null;
    }

    /// <summary>A number as a person types it ("+7 495 123-45-67"): the dial string is its digits; anything else is kept.</summary>
    private static string DialString(string destination) =>
        destination.Length > 0 && destination.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')')
            ? (destination.TrimStart().StartsWith('+') ? "+" : string.Empty) + string.Concat(destination.Where(char.IsAsciiDigit))
            : destination;

    /// <summary>
    /// The SIP user names an agent's phone may have registered with: the endpoint's user part first, then the agent's
    /// login and extension. The phone almost always registers under the first, so the CRM is read only when the
    /// caller goes on past it.
    /// </summary>
    private async IAsyncEnumerable<string> AgentSipNamesAsync(string endpointLabel, long agentId,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var fromEndpoint = UserOf(endpointLabel);
        if (fromEndpoint is not null)
        {
            yield return fromEndpoint;
        }
        if (agentId == 0)
        {
            yield break;
        }
        foreach (var name in await accounts.GetSipUserNamesAsync(agentId, cancellationToken).ConfigureAwait(false))
        {
            if (!string.Equals(name, fromEndpoint, StringComparison.Ordinal))
            {
                yield return name;
            }
        }
    }

    /// <param name="Flow">Where a registered phone registered from (a TCP registration is rung over TCP); null for the trunk.</param>
    private sealed record SipTarget(SipUri Contact, string User, string Label, SipRemote? Flow = null);

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Built-in PBX command {Command} is not supported yet")]
    private static partial void LogUnsupported(ILogger logger, string command);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent {AgentId} has no registered phone; the call waits for the next decision")]
    private static partial void LogNotRegistered(ILogger logger, long agentId);
}
