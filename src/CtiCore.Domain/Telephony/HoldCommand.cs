using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>Put the caller on hold (music on hold); the PBX confirms with <see cref="CallHeld"/>.</summary>
[GenerateSerializer, Alias("CtiCore.Telephony.HoldCommand")]
public sealed record HoldCommand : TelephonyCommand;
