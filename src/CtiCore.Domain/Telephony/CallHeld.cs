using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>The agent put the caller on hold.</summary>
[GenerateSerializer, Alias("CtiCore.Telephony.CallHeld")]
public sealed record CallHeld : CallEvent;
