using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>Move the call somewhere else (an endpoint, a number, voicemail or the callback prompt).</summary>
[GenerateSerializer, Alias("CtiCore.Telephony.TransferCommand")]
public sealed record TransferCommand : TelephonyCommand
{
    [Id(0)] public TransferDestinationKind DestinationKind { get; set; }

    /// <summary>Endpoint, number, or mailbox/department id for voicemail and callback.</summary>
    [Id(1)] public string Destination { get; set; } = string.Empty;
}
