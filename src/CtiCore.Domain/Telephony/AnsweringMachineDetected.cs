using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>
/// The answering-machine detection of an answered campaign call finished (Asterisk: AMD() then the dialplan's
/// UserEvent CtiCoreAmd with AMDSTATUS). Only campaigns that ask for detection get it; until it arrives the campaign
/// treats the answer as not yet a person.
/// </summary>
[GenerateSerializer, Alias("CtiCore.Telephony.AnsweringMachineDetected")]
public sealed record AnsweringMachineDetected : CallEvent
{
    [Id(0)] public AnsweringMachineResult Result { get; set; }

    /// <summary>The PBX's own words for why (Asterisk's AMDCAUSE, e.g. "LONGGREETING-2000-1500"), for the log.</summary>
    [Id(1)] public string? Detail { get; set; }
}
