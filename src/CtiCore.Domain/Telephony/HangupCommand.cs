using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>End the call.</summary>
[GenerateSerializer, Alias("CtiCore.Telephony.HangupCommand")]
public sealed record HangupCommand : TelephonyCommand
{
    /// <summary>Why, for the PBX's logs.</summary>
    [Id(0)] public string Reason { get; set; } = string.Empty;
}
