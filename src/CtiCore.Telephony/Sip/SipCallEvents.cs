using System.Threading.Channels;
using CtiCore.Domain.Telephony;
using CtiCore.Sip.B2bua;

namespace CtiCore.Telephony.Sip;

/// <summary>
/// Turns what the B2BUA reports into PBX-neutral telephony events, in order, on one queue (the B2BUA calls in on the
/// SIP receive path and must not wait for the grains). Event ids are derived from the call and step, so a repeated
/// report is a duplicate the call grain ignores.
/// </summary>
public sealed class SipCallEvents(SipPbxOptions options, TimeProvider time) : ISipCallController
{
    private readonly Channel<TelephonyEvent> _queue = Channel.CreateUnbounded<TelephonyEvent>(new UnboundedChannelOptions { SingleReader = true });
    private long _sequence;

    public ChannelReader<TelephonyEvent> Events => _queue.Reader;

    private string Source => "sip:" + options.PbxName;

    public void Offered(SipB2buaCall bridged)
    {
        ArgumentNullException.ThrowIfNull(bridged);
        Publish(new CallOffered
        {
            CallId = bridged.Id,
            CallerNumber = Clean(bridged.CallerNumber, 32),
            CallerName = Clean(bridged.CallerName, 80),
            DialledNumber = Clean(bridged.DialledNumber, 32),
            Trunk = "SIP/" + bridged.Source,
        }, bridged, "offered");
    }

    public void Ringing(SipB2buaCall bridged, SipB2buaLeg leg)
    {
        ArgumentNullException.ThrowIfNull(bridged);
        ArgumentNullException.ThrowIfNull(leg);
        Publish(new CallRinging { CallId = bridged.Id, Endpoint = leg.EndpointLabel }, bridged, "ringing:" + leg.CallId);
    }

    public void Answered(SipB2buaCall bridged, SipB2buaLeg leg)
    {
        ArgumentNullException.ThrowIfNull(bridged);
        ArgumentNullException.ThrowIfNull(leg);
        Publish(new CallAnswered { CallId = bridged.Id, Endpoint = leg.EndpointLabel }, bridged, "answered");
    }

    /// <summary>The agent's phone said no (486, 480, 603…), could not be reached or rang out (408): the call grain tries the next agent at once.</summary>
    public void LegFailed(SipB2buaCall bridged, SipB2buaLeg leg, int statusCode)
    {
        ArgumentNullException.ThrowIfNull(bridged);
        ArgumentNullException.ThrowIfNull(leg);
        Publish(new CallRingFailed
        {
            CallId = bridged.Id,
            Endpoint = leg.EndpointLabel,
            Cause = statusCode switch
            {
                486 or 600 or 603 => CallEndCause.Busy,
                408 or 480 or 487 => CallEndCause.NoAnswer,
                _ => CallEndCause.Failed,
            },
            PbxCauseCode = statusCode,
            Reason = RingFailureOf(statusCode, leg.RangOut),
        }, bridged, "ringfailed:" + leg.CallId);
    }

    /// <summary>
    /// A refusing phone's status in contact-center terms (RFC 3261 §21): 486/600 busy elsewhere, 603 the agent said
    /// no, 408 after the full ring time rang out; anything else (404, 480, a 408 without any response, 5xx, a
    /// transport failure) means the phone cannot be reached.
    /// </summary>
    public static RingFailureReason RingFailureOf(int statusCode, bool rangOut) => statusCode switch
    {
        _ when rangOut => RingFailureReason.NoAnswer,
        487 => RingFailureReason.NoAnswer,
        486 or 600 => RingFailureReason.Busy,
        603 => RingFailureReason.Declined,
        _ => RingFailureReason.Unreachable,
    };

    /// <summary>Raised (on the SIP receive path) when an agent's phone asks to transfer the call; the command sink resolves the target.</summary>
    /// <remarks>The call's key and the Refer-To user part; a click-to-call's agent asks the same way (<see cref="SipOriginateEvents"/>).</remarks>
    public event Action<string, string>? TransferAsked;

    public void TransferRequested(SipB2buaCall bridged, string target)
    {
        ArgumentNullException.ThrowIfNull(bridged);
        TransferRequested(bridged.Id, target);
    }

    public void TransferRequested(string callId, string target) => TransferAsked?.Invoke(callId, target);

    public void TransferRinging(SipB2buaCall bridged, SipB2buaLeg leg)
    {
        ArgumentNullException.ThrowIfNull(bridged);
        ArgumentNullException.ThrowIfNull(leg);
        Publish(new CallTransferStarted { CallId = bridged.Id, Destination = leg.EndpointLabel }, bridged, "transferstarted:" + leg.CallId);
    }

    /// <summary>The target answered: the agent's part is over (transferred), then the target's leg answered — its own
    /// event id, so the call grain takes it as the transfer leg's answer, not as a duplicate of the first.</summary>
    public void Transferred(SipB2buaCall bridged, SipB2buaLeg leg)
    {
        ArgumentNullException.ThrowIfNull(bridged);
        ArgumentNullException.ThrowIfNull(leg);
        Publish(new CallTransferred { CallId = bridged.Id, Destination = leg.EndpointLabel }, bridged, "transferred:" + leg.CallId);
        Publish(new CallAnswered { CallId = bridged.Id, Endpoint = leg.EndpointLabel }, bridged, "answered:" + leg.CallId);
    }

    /// <summary>Recording and other events the adapter's helpers report about a call, on the same ordered queue.</summary>
    public void Report(CallEvent callEvent, string step)
    {
        ArgumentNullException.ThrowIfNull(callEvent);
        Publish(callEvent, callEvent.CallId, step);
    }

    public void HoldChanged(SipB2buaCall bridged, bool held)
    {
        ArgumentNullException.ThrowIfNull(bridged);
        var sequence = Interlocked.Increment(ref _sequence);
        Publish(held ? new CallHeld { CallId = bridged.Id } : new CallResumed { CallId = bridged.Id }, bridged, (held ? "held:" : "resumed:") + sequence);
    }

    public void Ended(SipB2buaCall bridged, SipCallEndReason reason)
    {
        ArgumentNullException.ThrowIfNull(bridged);
        Publish(new CallEnded { CallId = bridged.Id, Cause = CauseOf(reason, bridged), PbxCauseCode = bridged.LastLegStatus }, bridged, "ended");
    }

    /// <summary>SIP's reasons in CtiCore's terms; an unanswered call given up takes its cause from the last leg's status.</summary>
    public static CallEndCause CauseOf(SipCallEndReason reason, SipB2buaCall bridged)
    {
        ArgumentNullException.ThrowIfNull(bridged);
        return reason switch
        {
            SipCallEndReason.CallerBye or SipCallEndReason.CallerCancelled => CallEndCause.CallerHungUp,
            SipCallEndReason.AgentBye => CallEndCause.AgentHungUp,
            SipCallEndReason.HungUpByCommand => CallEndCause.HungUpByCommand,
            SipCallEndReason.MediaTimeout => CallEndCause.Failed,
            SipCallEndReason.Busy => CallEndCause.Busy,
            SipCallEndReason.NoAnswer => CallEndCause.NoAnswer,
            _ => bridged.LastLegStatus switch
            {
                486 or 600 => CallEndCause.Busy,
                408 or 480 or 487 => CallEndCause.NoAnswer,
                _ => CallEndCause.Failed,
            },
        };
    }

    private void Publish(CallEvent callEvent, SipB2buaCall bridged, string step) => Publish(callEvent, bridged.Id, step);

    private void Publish(CallEvent callEvent, string callKey, string step)
    {
        callEvent.EventId = $"{Source}:{callKey}:{step}";
        callEvent.Source = Source;
        callEvent.Sequence = Interlocked.Increment(ref _sequence);
        callEvent.OccurredAt = time.GetUtcNow();
        callEvent.Pbx = new PbxCorrelation { ChannelId = callKey, LinkedId = callKey };
        _queue.Writer.TryWrite(callEvent);
    }

    /// <summary>Caller id comes from callers and trunks: trimmed to a sane length, "anonymous" dropped.</summary>
    private static string? Clean(string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Equals("anonymous", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return value.Length > maxLength ? value[..maxLength] : value;
    }
}
