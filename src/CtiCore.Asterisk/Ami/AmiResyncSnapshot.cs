using CtiCore.Asterisk.Protocol;

namespace CtiCore.Asterisk.Ami;

/// <summary>
/// Asterisk's current state after a (re)connect or an overflow: AMI has no event replay, so what happened while events
/// were not seen can only be rebuilt from this. Channels are CoreShowChannel events; device states DeviceStateChange events.
/// </summary>
public sealed record AmiResyncSnapshot(
    AmiResyncReason Reason,
    DateTimeOffset TakenAt,
    IReadOnlyList<AmiPacket> Channels,
    IReadOnlyList<AmiPacket> DeviceStates);
