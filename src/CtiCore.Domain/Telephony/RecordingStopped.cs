using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>Recording of the call was stopped.</summary>
[GenerateSerializer, Alias("CtiCore.Telephony.RecordingStopped")]
public sealed record RecordingStopped : CallEvent
{
    /// <summary>The recording file (path or storage key) as the recorder names it.</summary>
    [Id(0)] public string? File { get; set; }
}
