namespace CtiCore.Domain.Campaigns;

/// <summary>
/// Applies the result of one attempt to a dial-list entry: counts the attempt, closes the entry on a final
/// disposition or when the attempts are used up, and otherwise sets when it may be dialled next from the
/// campaign's retry rules, a requested callback time, or the 72-hour quarantine after an abandon.
/// </summary>
public static class RetryScheduler
{
    /// <param name="callbackAt">When the callee asked to be called back; honoured exactly, even before the retry delay.</param>
    public static void Apply(Campaign campaign, DialListEntry entry, DialOutcome outcome, DateTimeOffset now,
        string? disposition = null, DateTimeOffset? callbackAt = null)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(entry);

        entry.Attempts++;
        entry.LastAttemptAt = now;
        entry.LastOutcome = outcome;
        entry.LastDisposition = disposition;
        if (outcome == DialOutcome.Abandoned)
        {
            entry.LastAbandonedAt = now;
        }

        var chosen = campaign.FindDisposition(disposition);
        if (chosen is { AddsToDoNotCall: true })
        {
            entry.State = DialListEntryState.DoNotCall;
            entry.NextAttemptAt = null;
            return;
        }

        if (chosen is { IsFinal: true })
        {
            entry.State = DialListEntryState.Completed;
            entry.NextAttemptAt = null;
            return;
        }

        if (entry.Attempts >= campaign.MaxAttempts)
        {
            entry.State = DialListEntryState.Exhausted;
            entry.NextAttemptAt = null;
            return;
        }

        entry.State = DialListEntryState.Pending;
        var next = callbackAt is { } requested && (chosen is null || chosen.IsCallback)
            ? requested
            : now + DelayFor(campaign, outcome, disposition);
        if (outcome == DialOutcome.Abandoned)
        {
            // Never sooner than the quarantine, whatever the rules say; DialEligibility checks it again at dial time.
            var quarantineEnds = now + DialCompliance.AbandonedCallQuarantine;
            next = next > quarantineEnds ? next : quarantineEnds;
        }

        entry.NextAttemptAt = next;
    }

    /// <summary>The matching rule's delay: outcome and disposition, then outcome alone, then the campaign default.</summary>
    public static TimeSpan DelayFor(Campaign campaign, DialOutcome outcome, string? disposition)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var rule = campaign.RetryRules.FirstOrDefault(r => r.Outcome == outcome && disposition is not null
                && string.Equals(r.Disposition, disposition, StringComparison.OrdinalIgnoreCase))
            ?? campaign.RetryRules.FirstOrDefault(r => r.Outcome == outcome && r.Disposition is null);
        return rule?.Delay ?? campaign.DefaultRetryDelay;
    }
}
