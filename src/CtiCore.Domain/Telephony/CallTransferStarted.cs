using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>
/// The PBX started ringing the target of a transfer of an answered call. The agent may still hold the caller until
/// the target answers (the built-in PBX keeps them on until then); <see cref="CallTransferred"/> follows once the
/// agent's part is over, and <see cref="CallAnswered"/> at the target's endpoint once the target picks up. A PBX
/// that reports only <see cref="CallTransferred"/> (a blind transfer on Asterisk) needs not send this event.
/// </summary>
[GenerateSerializer, Alias("CtiCore.Telephony.CallTransferStarted")]
public sealed record CallTransferStarted : CallEvent
{
    /// <summary>Endpoint or number being rung, as the PBX names it (e.g. "SIP/3102", "+74951234567").</summary>
    [Id(0)] public string Destination { get; set; } = string.Empty;
}
