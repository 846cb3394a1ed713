using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>Recording of the call was resumed.</summary>
[GenerateSerializer, Alias("CtiCore.Telephony.RecordingResumed")]
public sealed record RecordingResumed : CallEvent
{
    /// <summary>The recording file (path or storage key) as the recorder names it.</summary>
    [Id(0)] public string? File { get; set; }
}
