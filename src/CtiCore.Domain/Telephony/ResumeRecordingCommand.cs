using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>Resume recording the call.</summary>
[GenerateSerializer, Alias("CtiCore.Telephony.ResumeRecordingCommand")]
public sealed record ResumeRecordingCommand : TelephonyCommand;
