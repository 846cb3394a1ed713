using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>The agent took the caller off hold.</summary>
[GenerateSerializer, Alias("CtiCore.Telephony.CallResumed")]
public sealed record CallResumed : CallEvent;
