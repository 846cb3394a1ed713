using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>
/// The position of an event in time. Within one source the sequence number decides (the PBX connection
/// delivers in order, but a redelivery or a replay after reconnect may not); across sources, where sequence
/// numbers mean nothing to each other, the PBX's timestamp decides.
/// </summary>
[GenerateSerializer, Immutable, Alias("CtiCore.Telephony.EventOrder")]
public readonly record struct EventOrder(
    [property: Id(0)] string Source,
    [property: Id(1)] long Sequence,
    [property: Id(2)] DateTimeOffset OccurredAt)
{
    /// <summary>Whether this position comes strictly after <paramref name="other"/>.</summary>
    public bool IsAfter(EventOrder other) =>
        string.Equals(Source, other.Source, StringComparison.Ordinal)
            ? Sequence > other.Sequence
            : OccurredAt > other.OccurredAt;
}
