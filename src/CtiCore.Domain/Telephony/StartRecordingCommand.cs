using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>Start recording the call.</summary>
[GenerateSerializer, Alias("CtiCore.Telephony.StartRecordingCommand")]
public sealed record StartRecordingCommand : TelephonyCommand
{
    /// <summary>A file name hint; the recorder may add a directory and extension.</summary>
    [Id(0)] public string? FileHint { get; set; }
}
