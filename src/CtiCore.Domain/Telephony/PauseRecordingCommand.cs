using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>Pause recording the call.</summary>
[GenerateSerializer, Alias("CtiCore.Telephony.PauseRecordingCommand")]
public sealed record PauseRecordingCommand : TelephonyCommand;
