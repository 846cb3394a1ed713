using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>A new inbound call waits for CtiCore to decide where it goes.</summary>
[GenerateSerializer, Alias("CtiCore.Telephony.CallOffered")]
public sealed record CallOffered : CallEvent
{
    /// <summary>Caller-ID number as the PBX received it (any written form; may be empty or "anonymous").</summary>
    [Id(0)] public string? CallerNumber { get; set; }

    [Id(1)] public string? CallerName { get; set; }

    /// <summary>The number the caller dialled (DID); selects the department.</summary>
    [Id(2)] public string? DialledNumber { get; set; }

    /// <summary>Trunk or provider the call came in on, e.g. "PJSIP/provider-a".</summary>
    [Id(3)] public string? Trunk { get; set; }
}
