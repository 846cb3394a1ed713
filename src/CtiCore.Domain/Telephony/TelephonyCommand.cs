using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>
/// Something CtiCore asks the PBX to do, in PBX-neutral terms; an adapter carries it out through
/// <see cref="ITelephonyCommandSink"/>. Command ids are deterministic (call id + step), so an adapter
/// that sees the same id twice (a grain retried after a failure) carries it out once.
/// </summary>
[GenerateSerializer, Alias("CtiCore.Telephony.TelephonyCommand")]
public abstract record TelephonyCommand
{
    [Id(0)] public string CommandId { get; set; } = string.Empty;

    /// <summary>The call the command is about (the call grain key).</summary>
    [Id(1)] public string CallId { get; set; } = string.Empty;

    [Id(2)] public DateTimeOffset IssuedAt { get; set; }

    /// <summary>The PBX ids of the call, as last reported, so the adapter can find the channel.</summary>
    [Id(3)] public PbxCorrelation Pbx { get; set; } = PbxCorrelation.None;
}
