using CtiCore.Media.Recording;

namespace CtiCore.Media.Retention;

/// <summary>
/// Decides what to erase, without touching anything: pure functions of the recordings, the policy and the time, so
/// every rule is testable and a dry run is the same code as the real one. A legal hold beats both expiry and a
/// client's erasure request (GDPR art. 17(3)(e): erasure does not apply where data is needed for legal claims).
/// </summary>
public static class RetentionPlanner
{
    /// <summary>Recordings older than their department's period.</summary>
    public static RetentionPlan PlanExpired(IEnumerable<RetentionCandidate> recordings, RetentionPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(recordings);
        ArgumentNullException.ThrowIfNull(policy);
        return Split(recordings.Where(r =>
        {
            var days = policy.DaysFor(r.DepartmentKey);
            return days > 0 && r.RecordedAt.AddDays(days) <= now;
        }), ErasureReason.RetentionExpired);
    }

    /// <summary>All recordings of one client's calls, whatever their age.</summary>
    public static RetentionPlan PlanClientErasure(IEnumerable<RetentionCandidate> recordings, IReadOnlySet<string> clientCallKeys)
    {
        ArgumentNullException.ThrowIfNull(recordings);
        ArgumentNullException.ThrowIfNull(clientCallKeys);
        return Split(recordings.Where(r => clientCallKeys.Contains(r.CallKey)), ErasureReason.ClientRequest);
    }

    /// <summary>The recordings that exist on disk (done jobs), with the legal holds applied.</summary>
    public static IReadOnlyList<RetentionCandidate> CandidatesFrom(IEnumerable<RecordingJob> jobs, IReadOnlySet<string> legalHolds)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(legalHolds);
        return jobs
            .Where(j => j.State == RecordingJobState.Done)
            .Select(j => new RetentionCandidate(j.Id, j.DepartmentKey, j.RecordedAt, legalHolds.Contains(j.Id)))
            .ToList();
    }

    private static RetentionPlan Split(IEnumerable<RetentionCandidate> selected, ErasureReason reason)
    {
        var erase = new List<PlannedErasure>();
        var held = new List<PlannedErasure>();
        foreach (var r in selected.OrderBy(r => r.RecordedAt))
        {
            (r.LegalHold ? held : erase).Add(new PlannedErasure(r.CallKey, r.DepartmentKey, r.RecordedAt, reason));
        }

        return new RetentionPlan(erase, held);
    }
}
