using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>Take the caller off hold and reconnect them to the agent; the PBX confirms with <see cref="CallResumed"/>.</summary>
[GenerateSerializer, Alias("CtiCore.Telephony.ResumeCommand")]
public sealed record ResumeCommand : TelephonyCommand;
