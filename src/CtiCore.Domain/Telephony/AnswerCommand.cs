using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>
/// Answer the ringing call on the agent's phone from the desktop. Only some PBX/phone pairs allow it (a phone that
/// honours a remote "talk" request); a sink that cannot says so through <see cref="ITelephonyCommandSupport"/>.
/// </summary>
[GenerateSerializer, Alias("CtiCore.Telephony.AnswerCommand")]
public sealed record AnswerCommand : TelephonyCommand
{
    /// <summary>The agent's endpoint (TECH/resource) when known; otherwise the adapter finds the ringing leg by call id.</summary>
    [Id(0)] public string Endpoint { get; set; } = string.Empty;
}
