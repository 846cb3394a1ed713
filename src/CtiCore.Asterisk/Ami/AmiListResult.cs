using CtiCore.Asterisk.Protocol;

namespace CtiCore.Asterisk.Ami;

/// <summary>
/// The answer to a list action (CoreShowChannels, Status, DeviceStateList…): the response with "EventList: start",
/// the events that carried the action's ActionID, and the closing "…Complete" event.
/// </summary>
public sealed record AmiListResult(AmiPacket Response, IReadOnlyList<AmiPacket> Items, AmiPacket? Complete);
