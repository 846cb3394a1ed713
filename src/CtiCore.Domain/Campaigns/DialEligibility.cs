namespace CtiCore.Domain.Campaigns;

/// <summary>
/// The one gate every outbound attempt passes at dial time, so that compliance holds by construction:
/// a dialer that originates only what <see cref="Check"/> allowed cannot call a do-not-call number, call
/// outside the window in the callee's local time, redial an abandoned number within 72 hours, exceed
/// the attempts or jump a retry delay. Rules are checked from the cheapest and most final to the rest;
/// the first refusal is returned with a reason fit for the supervisor's screen.
/// </summary>
public sealed class DialEligibility(TimeProvider time, IDoNotCallList doNotCall)
{
    /// <param name="clientTimeZone">The linked CRM client's zone, when there is a client.</param>
    /// <param name="numberLastAbandonedAt">The latest abandon of this number in ANY campaign, when the caller knows it.</param>
    public DialDecision Check(Campaign campaign, DialListEntry entry, string? clientTimeZone = null, DateTimeOffset? numberLastAbandonedAt = null)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(entry);
        var now = time.GetUtcNow();

        if (entry.State is DialListEntryState.Completed or DialListEntryState.Exhausted or DialListEntryState.DoNotCall)
        {
            return DialDecision.Refuse(DialRefusalReason.EntryClosed, $"the entry is {entry.State}");
        }

        if (entry.State == DialListEntryState.Dialing)
        {
            return DialDecision.Refuse(DialRefusalReason.AlreadyDialing, "a call to this entry is in progress");
        }

        if (doNotCall.IsBlocked(entry.E164, campaign.Id, now))
        {
            return DialDecision.Refuse(DialRefusalReason.DoNotCall, "the number is on a do-not-call list");
        }

        if (entry.Attempts >= campaign.MaxAttempts)
        {
            return DialDecision.Refuse(DialRefusalReason.AttemptsExhausted, $"{entry.Attempts} of {campaign.MaxAttempts} attempts used");
        }

        var abandonedAt = Latest(entry.LastAbandonedAt, numberLastAbandonedAt);
        if (abandonedAt is { } abandoned && now - abandoned < DialCompliance.AbandonedCallQuarantine)
        {
            var until = abandoned + DialCompliance.AbandonedCallQuarantine;
            return DialDecision.Refuse(DialRefusalReason.AbandonedRecently, $"a call was abandoned at {abandoned:u}; quiet until {until:u}", until);
        }

        if (entry.NextAttemptAt is { } next && now < next)
        {
            return DialDecision.Refuse(DialRefusalReason.RetryNotDue, $"next attempt is due at {next:u}", next);
        }

        var zones = CalleeTimeZones.Resolve(clientTimeZone, entry.TimeZone, entry.E164);
        if (zones.Count == 0)
        {
            return DialDecision.Refuse(DialRefusalReason.UnknownTimeZone, "the callee's time zone is unknown (no client zone, no list zone, number not mapped)");
        }

        foreach (var zone in zones)
        {
            var local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
            if (!campaign.CallingWindows.Any(w => w.Contains(local)))
            {
                return DialDecision.Refuse(DialRefusalReason.OutsideCallingWindow, $"it is {local:ddd HH:mm} in {zone.Id}, outside the calling windows");
            }
        }

        return DialDecision.Allow(zones.Count == 1 ? $"in window in {zones[0].Id}" : $"in window in all {zones.Count} zones of the number");
    }

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a > b ? a : b);
}
