namespace CtiCore.Domain.Campaigns;

/// <summary>
/// An entry that may be due for a call, with what <see cref="DialEligibility"/> needs to know beyond the entry:
/// the linked client's time zone and the latest abandon of the same number in any campaign.
/// </summary>
public sealed record DialCandidate(DialListEntry Entry, string? ClientTimeZone, DateTimeOffset? NumberLastAbandonedAt);
