using System.Collections.Concurrent;
using System.Globalization;
using CtiCore.Asterisk.Ami;
using CtiCore.Asterisk.Protocol;
using CtiCore.Domain.Telephony;

namespace CtiCore.Telephony.Asterisk;

/// <summary>
/// Turns the AMI event stream of one Asterisk into PBX-neutral telephony events (docs/telephony-events.md).
/// Channels are grouped into calls by Linkedid, which Asterisk copies from the first channel to every channel it
/// creates for the same call; the call id is that Linkedid, which is also the caller channel's Uniqueid (so the
/// FastAGI side, which only sees agi_uniqueid, names the same call).
/// <para>
/// Event ids are derived from the call and the step ("pbx1:1795446336.0:answered"), never from arrival order, so the
/// same fact reported twice (DialEnd ANSWER then BridgeEnter, an event seen again after a resync) carries the same id
/// and the call grain drops the second one.
/// </para>
/// Not thread-safe for <see cref="Translate"/>/<see cref="Resync"/>: one consumer reads the client's ordered stream.
/// </summary>
public sealed class AmiCallTranslator
{
    private const int MaxRememberedEndedCalls = 10_000;

    private readonly Dictionary<string, CallTrack> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChannelTrack> _channels = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ended = new(StringComparer.Ordinal);
    private readonly Queue<string> _endedOrder = new();
    private readonly ConcurrentDictionary<string, string> _channelNames = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _hangupsRequested = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inboundContexts;
    private readonly IReadOnlyList<string> _agentDevicePrefixes;
    private readonly string _pbx;
    private readonly TimeProvider _time;
    private long _sequence;

    public AmiCallTranslator(AsteriskTelephonyOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _pbx = options.PbxName;
        Source = "ami:" + options.PbxName;
        _inboundContexts = new HashSet<string>(options.InboundContexts, StringComparer.Ordinal);
        _agentDevicePrefixes = [.. options.AgentDevicePrefixes];
        _time = time;
    }

    public string Source { get; }

    /// <summary>Calls with at least one live channel.</summary>
    public int ActiveCalls => _calls.Count;

    /// <summary>The id every adapter uses for the same step of the same call (AMI, FastAGI, resync).</summary>
    public static string EventIdFor(string pbx, string callId, string step) => $"{pbx}:{callId}:{step}";

    /// <summary>CtiCore asked for this call's hang-up: its end is then <see cref="CallEndCause.HungUpByCommand"/>.</summary>
    public void NoteHangupRequested(string callId) => _hangupsRequested.TryAdd(callId, 0);

    /// <summary>The live channel name of an Asterisk Uniqueid (safe from any thread: the command sink asks it).</summary>
    public string? ChannelNameOf(string uniqueId) => _channelNames.TryGetValue(uniqueId, out var name) ? name : null;

    public IReadOnlyList<TelephonyEvent> Translate(AmiPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        var events = new List<TelephonyEvent>(1);
        switch (packet.EventName)
        {
            case "Newchannel":
                OnNewChannel(packet, events);
                break;
            case "VarSet":
                if (packet["Variable"] == "MIXMONITOR_FILENAME" && Channel(packet) is { } recorded)
                {
                    recorded.RecordingFile = packet["Value"];
                }

                break;
            case "UserEvent":
                // dialplans/extensions.conf reports MixMonitor's file this way, since its manager.conf drops VarSet.
                // MixMonitorStart (which names no file) came first, and Asterisk sends no MixMonitorStop on hang-up,
                // so the file is announced on its own step: a later RecordingStarted that carries it.
                if (packet["UserEvent"] == "CtiCoreRecording" && packet["File"] is { Length: > 0 } file && Channel(packet) is { } announced)
                {
                    announced.RecordingFile = file;
                    events.Add(Stamp(new RecordingStarted { CallId = announced.CallId, File = file },
                        EventIdFor(_pbx, announced.CallId, "recording-file:" + announced.UniqueId), packet, announced));
                }

                OnCampaignUserEvent(packet, events);
                break;
            case "DialBegin":
                OnDialBegin(packet, events);
                break;
            case "DialEnd":
                OnDialEnd(packet, events);
                break;
            case "BridgeEnter":
                if (Channel(packet) is { IsCaller: false } bridged && _calls.TryGetValue(bridged.CallId, out var bridgedCall))
                {
                    Answered(packet, bridgedCall, bridged, events);
                }

                break;
            case "HangupRequest":
                // The side whose driver asked to hang up (the caller's BYE) comes first here, even when Asterisk then
                // reports the peer channel's Hangup before the requester's own.
                if (Channel(packet) is { } requester && _calls.TryGetValue(requester.CallId, out var requesting))
                {
                    requesting.HangupRequestedBy ??= requester;
                }

                break;
            case "Hangup":
                OnHangup(packet, events);
                break;
            case "MixMonitorStart":
            case "MixMonitorStop":
                OnMixMonitor(packet, packet.EventName == "MixMonitorStart", events);
                break;
            case "MixMonitorMute":
                OnMixMonitorMute(packet, events);
                break;
            case "DeviceStateChange":
                OnDeviceState(packet, events);
                break;
        }

        return events;
    }

    /// <summary>
    /// After a (re)connect: AMI has no replay, so Asterisk's current channels are compared with what this translator
    /// knew. Calls in progress are announced again with the ids they had (duplicates are dropped by the call grain),
    /// calls that vanished while the link was down end, and every agent device state is reported.
    /// </summary>
    public IReadOnlyList<TelephonyEvent> Resync(AmiResyncSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var events = new List<TelephonyEvent>();
        var live = new HashSet<string>(StringComparer.Ordinal);
        foreach (var channel in snapshot.Channels)
        {
            var uniqueId = channel["Uniqueid"];
            var linkedId = channel["Linkedid"];
            if (string.IsNullOrEmpty(uniqueId) || string.IsNullOrEmpty(linkedId))
            {
                continue;
            }

            live.Add(uniqueId);
            var known = _calls.ContainsKey(linkedId);
            var track = Track(uniqueId, linkedId, channel["Channel"]);
            var call = _calls[linkedId];
            if (track.IsCaller && !known && _inboundContexts.Contains(channel["Context"] ?? string.Empty))
            {
                var exten = channel["Exten"];
                events.Add(Stamp(new CallOffered
                {
                    CallId = linkedId,
                    CallerNumber = channel["CallerIDNum"],
                    CallerName = channel["CallerIDName"],
                    DialledNumber = exten is { Length: > 0 } && exten.All(char.IsAsciiDigit) ? exten : null,
                    Trunk = Endpoint(track.Name),
                }, EventIdFor(_pbx, linkedId, "offered"), channel, track));
            }

            if (!track.IsCaller && channel["ChannelState"] == "6" && !string.IsNullOrEmpty(channel["BridgeId"]))
            {
                Answered(channel, call, track, events);
            }
        }

        foreach (var gone in _channels.Keys.Where(id => !live.Contains(id)).ToList())
        {
            var track = _channels[gone];
            _channels.Remove(gone);
            _channelNames.TryRemove(gone, out _);
            if (_calls.TryGetValue(track.CallId, out var call))
            {
                call.Channels.Remove(gone);
                if (call.Channels.Count == 0)
                {
                    // It ended while nobody listened: the cause is unknown, the call must still be closed and logged.
                    _calls.Remove(track.CallId);
                    RememberEnded(track.CallId);
                    events.Add(Stamp(new CallEnded { CallId = track.CallId, Cause = CallEndCause.Unknown },
                        EventIdFor(_pbx, track.CallId, "ended"), null, track));
                }
            }
        }

        foreach (var device in snapshot.DeviceStates)
        {
            OnDeviceState(device, events);
        }

        return events;
    }

    private void OnNewChannel(AmiPacket packet, List<TelephonyEvent> events)
    {
        if (Channel(packet) is not { } track || !track.IsCaller || !_inboundContexts.Contains(packet["Context"] ?? string.Empty))
        {
            return;
        }

        _calls[track.CallId].Inbound = true;
        events.Add(Stamp(new CallOffered
        {
            CallId = track.CallId,
            CallerNumber = packet["CallerIDNum"],
            CallerName = packet["CallerIDName"],
            DialledNumber = packet["Exten"],
            Trunk = Endpoint(track.Name),
        }, EventIdFor(_pbx, track.CallId, "offered"), packet, track));
    }

    private void OnDialBegin(AmiPacket packet, List<TelephonyEvent> events)
    {
        var destUniqueId = packet["DestUniqueid"];
        var callId = packet["DestLinkedid"] is { Length: > 0 } destLinked ? destLinked : packet["Linkedid"];
        if (string.IsNullOrEmpty(destUniqueId) || string.IsNullOrEmpty(callId) || _ended.Contains(callId))
        {
            return;
        }

        Channel(packet); // the dialling channel belongs to the call too
        var dest = Track(destUniqueId, callId, packet["DestChannel"]);
        TransferDial(packet, _calls[callId], dest, events);
        events.Add(Stamp(new CallRinging { CallId = callId, Endpoint = Endpoint(dest.Name) ?? string.Empty },
            EventIdFor(_pbx, callId, "ringing:" + destUniqueId), packet, dest));
    }

    private void OnDialEnd(AmiPacket packet, List<TelephonyEvent> events)
    {
        var destUniqueId = packet["DestUniqueid"];
        var callId = packet["DestLinkedid"] is { Length: > 0 } destLinked ? destLinked : packet["Linkedid"];
        if (string.IsNullOrEmpty(destUniqueId) || string.IsNullOrEmpty(callId) || _ended.Contains(callId))
        {
            return;
        }

        var dest = Track(destUniqueId, callId, packet["DestChannel"]);
        var call = _calls[callId];
        if (!call.DialStatusFromDialplan)
        {
            call.LastDialStatus = packet["DialStatus"];
        }

        if (call.LastDialStatus == "ANSWER")
        {
            Answered(packet, call, dest, events);
        }
        else if (packet["DialStatus"] is var status && AsteriskDialOutcomes.RingFailureFromDialStatus(status) is { } reason)
        {
            // As the built-in PBX reports a refusing phone: the call grain moves on now, with the agent handled by reason.
            events.Add(Stamp(new CallRingFailed
            {
                CallId = callId,
                Endpoint = Endpoint(dest.Name) ?? string.Empty,
                Cause = AsteriskDialOutcomes.FromDialStatus(status) ?? CallEndCause.Failed,
                Reason = reason,
            }, EventIdFor(_pbx, callId, "ringfailed:" + destUniqueId), packet, dest));
        }
    }

    private void Answered(AmiPacket packet, CallTrack call, ChannelTrack channel, List<TelephonyEvent> events)
    {
        call.Answered = true;
        // A transfer's target answering is a new leg with its own id (docs/telephony-events.md, rule 2a); every other
        // report of an answer (DialEnd, BridgeEnter, a second agent channel) repeats the call's one "answered" id.
        var step = call.TransferLegUniqueId == channel.UniqueId ? "answered:" + channel.UniqueId : "answered";
        events.Add(Stamp(new CallAnswered { CallId = call.CallId, Endpoint = Endpoint(channel.Name) ?? string.Empty },
            EventIdFor(_pbx, call.CallId, step), packet, channel));
    }

    /// <summary>
    /// An answered inbound call dialling again is a blind transfer: CtiCore's transfer redirects the caller's channel
    /// into the dialplan, whose Dial() rings the target (the agent's channel is hung up). The hand-over is reported
    /// before the target's ringing, and the hang-up bookkeeping starts over for the target's leg.
    /// </summary>
    private void TransferDial(AmiPacket packet, CallTrack call, ChannelTrack target, List<TelephonyEvent> events)
    {
        if (!call.Answered || !call.Inbound || call.TransferLegUniqueId == target.UniqueId)
        {
            return;
        }

        call.TransferLegUniqueId = target.UniqueId;
        call.FirstHangup = null;
        call.HangupRequestedBy = null;
        events.Add(Stamp(new CallTransferred { CallId = call.CallId, Destination = Endpoint(target.Name) ?? string.Empty },
            EventIdFor(_pbx, call.CallId, "transferred:" + target.UniqueId), packet, target));
    }

    private void OnHangup(AmiPacket packet, List<TelephonyEvent> events)
    {
        if (Channel(packet) is not { } track || !_calls.TryGetValue(track.CallId, out var call))
        {
            return;
        }

        _channels.Remove(track.UniqueId);
        _channelNames.TryRemove(track.UniqueId, out _);
        call.Channels.Remove(track.UniqueId);
        call.FirstHangup ??= track;
        int? cause = int.TryParse(packet["Cause"], NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : null;
        if (track.IsCaller)
        {
            call.CallerCause = cause;
        }

        if (call.Channels.Count > 0)
        {
            return;
        }

        _calls.Remove(call.CallId);
        RememberEnded(call.CallId);
        var byCommand = _hangupsRequested.TryRemove(call.CallId, out _);
        events.Add(Stamp(new CallEnded
        {
            CallId = call.CallId,
            Cause = byCommand ? CallEndCause.HungUpByCommand : EndCause(call, cause),
            PbxCauseCode = call.CallerCause ?? cause,
        }, EventIdFor(_pbx, call.CallId, "ended"), packet, track));
    }

    private static CallEndCause EndCause(CallTrack call, int? lastCause)
    {
        if (call.Answered)
        {
            return (call.HangupRequestedBy ?? call.FirstHangup)?.IsCaller == true ? CallEndCause.CallerHungUp : CallEndCause.AgentHungUp;
        }

        // Unanswered: what the last Dial() reported says more than the caller channel's cause, which is 16 (normal
        // clearing) whether the caller gave up or the dialplan hung up after NOANSWER.
        if (AsteriskDialOutcomes.FromDialStatus(call.LastDialStatus) is { } byDialStatus)
        {
            return byDialStatus;
        }

        // Q.850 cause values (ITU-T Q.850 table 1), as Asterisk reports them in the Hangup event.
        return AsteriskDialOutcomes.FromHangupCause(call.CallerCause ?? lastCause);
    }

    /// <summary>
    /// The campaign dialplan's own reports (dialplans/extensions.conf, [cticore-campaign]): CtiCoreDialStatus is
    /// Dial()'s DIALSTATUS for the callee, which no later DialEnd may overwrite (the originate's own DialEnd for
    /// the Local channel follows it and says only how that channel ended); CtiCoreAmd is AMD()'s verdict.
    /// </summary>
    private void OnCampaignUserEvent(AmiPacket packet, List<TelephonyEvent> events)
    {
        if (Channel(packet) is not { } channel || !_calls.TryGetValue(channel.CallId, out var call))
        {
            return;
        }

        switch (packet["UserEvent"])
        {
            case "CtiCoreDialStatus" when packet["Status"] is { Length: > 0 } status:
                call.LastDialStatus = status;
                call.DialStatusFromDialplan = true;
                break;
            case "CtiCoreAmd":
                events.Add(Stamp(new AnsweringMachineDetected { CallId = call.CallId, Result = AsteriskDialOutcomes.FromAmdStatus(packet["Status"]), Detail = packet["Cause"] },
                    EventIdFor(_pbx, call.CallId, "amd:" + channel.UniqueId), packet, channel));
                break;
        }
    }

    private void OnMixMonitor(AmiPacket packet, bool started, List<TelephonyEvent> events)
    {
        if (Channel(packet) is not { } track)
        {
            return;
        }

        TelephonyEvent recording = started
            ? new RecordingStarted { CallId = track.CallId, File = track.RecordingFile }
            : new RecordingStopped { CallId = track.CallId, File = track.RecordingFile };
        events.Add(Stamp(recording, EventIdFor(_pbx, track.CallId, (started ? "recording-started:" : "recording-stopped:") + track.UniqueId), packet, track));
    }

    /// <summary>MixMonitorMute (State 1 muted, 0 unmuted) is the PCI pause and resume of the recording.</summary>
    private void OnMixMonitorMute(AmiPacket packet, List<TelephonyEvent> events)
    {
        if (Channel(packet) is not { } track || packet["State"] is not ("1" or "0"))
        {
            return;
        }

        var muted = packet["State"] == "1";
        TelephonyEvent change = muted
            ? new RecordingPaused { CallId = track.CallId, File = track.RecordingFile }
            : new RecordingResumed { CallId = track.CallId, File = track.RecordingFile };
        // A call may be paused many times: the sequence number makes each toggle its own event.
        var step = $"{(muted ? "recording-paused:" : "recording-resumed:")}{track.UniqueId}:{_sequence + 1}";
        events.Add(Stamp(change, EventIdFor(_pbx, track.CallId, step), packet, track));
    }

    private void OnDeviceState(AmiPacket packet, List<TelephonyEvent> events)
    {
        var device = packet["Device"];
        if (string.IsNullOrEmpty(device) || !_agentDevicePrefixes.Any(prefix => device.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        var state = packet["State"] switch
        {
            "NOT_INUSE" => DeviceState.NotInUse,
            "INUSE" => DeviceState.InUse,
            "BUSY" => DeviceState.Busy,
            "RINGING" or "RINGINUSE" => DeviceState.Ringing,
            "ONHOLD" => DeviceState.OnHold,
            "UNAVAILABLE" or "INVALID" => DeviceState.Unavailable,
            _ => DeviceState.Unknown,
        };
        var sequence = ++_sequence;
        events.Add(new AgentDeviceStateChanged
        {
            // A device state is a level, not a step: each report is its own event and the order rule keeps the latest.
            EventId = $"{_pbx}:device:{device}:{sequence.ToString(CultureInfo.InvariantCulture)}",
            Source = Source,
            Sequence = sequence,
            OccurredAt = OccurredAt(packet),
            Endpoint = device,
            State = state,
        });
    }

    private ChannelTrack? Channel(AmiPacket packet)
    {
        var uniqueId = packet["Uniqueid"];
        var linkedId = packet["Linkedid"];
        return string.IsNullOrEmpty(uniqueId) || string.IsNullOrEmpty(linkedId) || _ended.Contains(linkedId)
            ? null
            : Track(uniqueId, linkedId, packet["Channel"]);
    }

    /// <summary>Late events of an ended call (BridgeLeave, VarSet after the hang-up) must not bring it back as a live call.</summary>
    private void RememberEnded(string callId)
    {
        if (_ended.Add(callId))
        {
            _endedOrder.Enqueue(callId);
            if (_endedOrder.Count > MaxRememberedEndedCalls)
            {
                _ended.Remove(_endedOrder.Dequeue());
            }
        }
    }

    private ChannelTrack Track(string uniqueId, string linkedId, string? name)
    {
        if (!_channels.TryGetValue(uniqueId, out var track))
        {
            track = new ChannelTrack(uniqueId, linkedId, name);
            _channels[uniqueId] = track;
        }
        else if (name is not null)
        {
            track.Name = name;
        }

        if (!_calls.TryGetValue(track.CallId, out var call))
        {
            call = new CallTrack(track.CallId);
            _calls[track.CallId] = call;
        }

        call.Channels.Add(uniqueId);
        if (track.Name is not null)
        {
            _channelNames[uniqueId] = track.Name;
        }

        return track;
    }

    private TelephonyEvent Stamp(TelephonyEvent telephonyEvent, string eventId, AmiPacket? packet, ChannelTrack channel)
    {
        telephonyEvent.EventId = eventId;
        telephonyEvent.Source = Source;
        telephonyEvent.Sequence = ++_sequence;
        telephonyEvent.OccurredAt = packet is null ? _time.GetUtcNow() : OccurredAt(packet);
        telephonyEvent.Pbx = new PbxCorrelation { ChannelId = channel.UniqueId, LinkedId = channel.CallId, ChannelName = channel.Name };
        return telephonyEvent;
    }

    /// <summary>The "Timestamp" header (manager.conf timestampevents=yes: Unix seconds with microseconds) when present.</summary>
    private DateTimeOffset OccurredAt(AmiPacket packet)
    {
        if (decimal.TryParse(packet["Timestamp"], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            && seconds is > 0 and < 32_503_680_000m)
        {
            return DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
        }

        return _time.GetUtcNow();
    }

    /// <summary>"PJSIP/2001-0000000a" → "PJSIP/2001": the endpoint an agent is configured with.</summary>
    internal static string? Endpoint(string? channelName)
    {
        if (string.IsNullOrEmpty(channelName))
        {
            return null;
        }

        var dash = channelName.LastIndexOf('-');
        var slash = channelName.IndexOf('/', StringComparison.Ordinal);
        return dash > slash && slash >= 0 ? channelName[..dash] : channelName;
    }

    private sealed class ChannelTrack(string uniqueId, string callId, string? name)
    {
        public string UniqueId { get; } = uniqueId;

        public string CallId { get; } = callId;

        public string? Name { get; set; } = name;

        /// <summary>The first channel of the call (Uniqueid = Linkedid): the caller on an inbound call.</summary>
        public bool IsCaller => UniqueId == CallId;

        public string? RecordingFile { get; set; }
    }

    private sealed class CallTrack(string callId)
    {
        public string CallId { get; } = callId;

        public HashSet<string> Channels { get; } = new(StringComparer.Ordinal);

        public bool Answered { get; set; }

        /// <summary>Offered through an inbound context (so a dial after the answer is a transfer, not a click-to-call's second leg).</summary>
        public bool Inbound { get; set; }

        /// <summary>The channel a blind transfer rings (its answer is the transfer leg's).</summary>
        public string? TransferLegUniqueId { get; set; }

        public string? LastDialStatus { get; set; }

        /// <summary>The dialplan reported DIALSTATUS itself; DialEnd events no longer change it.</summary>
        public bool DialStatusFromDialplan { get; set; }

        public ChannelTrack? FirstHangup { get; set; }

        public ChannelTrack? HangupRequestedBy { get; set; }

        public int? CallerCause { get; set; }
    }
}
