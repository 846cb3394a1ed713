using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>
/// Something the PBX reports, in PBX-neutral terms. Adapters (Asterisk AMI, the built-in SIP endpoint) translate
/// their protocol into these; the grains never see a protocol type. docs/telephony-events.md gives the rules for
/// duplicated and out-of-order delivery.
/// </summary>
[GenerateSerializer, Alias("CtiCore.Telephony.TelephonyEvent")]
public abstract record TelephonyEvent
{
    /// <summary>Unique per event and stable across re-delivery: a re-sent event carries the same id, so it is
    /// recognised as a duplicate. Adapters derive it from the PBX (e.g. "ami:pbx1:{Uniqueid}:{Event}:{seq}").</summary>
    [Id(0)] public string EventId { get; set; } = string.Empty;

    /// <summary>The connection that produced the event (e.g. "ami:pbx1"). <see cref="Sequence"/> is ordered within it.</summary>
    [Id(1)] public string Source { get; set; } = string.Empty;

    /// <summary>Strictly increasing within <see cref="Source"/>; compares two events of the same source.</summary>
    [Id(2)] public long Sequence { get; set; }

    /// <summary>When the PBX says it happened; compares events of different sources.</summary>
    [Id(3)] public DateTimeOffset OccurredAt { get; set; }

    [Id(4)] public PbxCorrelation Pbx { get; set; } = PbxCorrelation.None;

    /// <summary>Where this event stands in the order of events, for <see cref="EventOrder"/>.</summary>
    public EventOrder Order => new(Source, Sequence, OccurredAt);
}
