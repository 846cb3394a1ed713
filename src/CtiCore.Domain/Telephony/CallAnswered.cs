using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>The call was answered at an endpoint.</summary>
[GenerateSerializer, Alias("CtiCore.Telephony.CallAnswered")]
public sealed record CallAnswered : CallEvent
{
    [Id(0)] public string Endpoint { get; set; } = string.Empty;
}
