using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>Stop recording the call.</summary>
[GenerateSerializer, Alias("CtiCore.Telephony.StopRecordingCommand")]
public sealed record StopRecordingCommand : TelephonyCommand;
