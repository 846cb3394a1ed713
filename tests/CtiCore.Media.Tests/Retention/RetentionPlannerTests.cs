using CtiCore.Media.Retention;

namespace CtiCore.Media.Tests.Retention;

public sealed class RetentionPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly RetentionPolicy Policy = new()
    {
        DefaultDays = 90,
        DepartmentDays = new(StringComparer.Ordinal) { ["sales"] = 30, ["legal"] = 0 },
    };

    [Fact]
    public void Each_department_uses_its_own_period_and_others_the_default()
    {
        var recordings = new[]
        {
            Candidate("sales-31d", "sales", days: 31),
            Candidate("sales-29d", "sales", days: 29),
            Candidate("support-91d", "support", days: 91),
            Candidate("support-89d", "support", days: 89),
            Candidate("none-91d", null, days: 91),
        };

        var plan = RetentionPlanner.PlanExpired(recordings, Policy, Now);

        Assert.Equal(["support-91d", "none-91d", "sales-31d"], plan.Erase.Select(e => e.CallKey));
        Assert.All(plan.Erase, e => Assert.Equal(ErasureReason.RetentionExpired, e.Reason));
        Assert.Empty(plan.HeldByLegalHold);
    }

    [Fact]
    public void The_period_ends_exactly_at_the_same_time_of_day()
    {
        var plan = RetentionPlanner.PlanExpired(
            [new RetentionCandidate("edge", "sales", Now.AddDays(-30), false), new RetentionCandidate("inside", "sales", Now.AddDays(-30).AddSeconds(1), false)],
            Policy, Now);
        Assert.Equal(["edge"], plan.Erase.Select(e => e.CallKey));
    }

    [Fact]
    public void Zero_days_keeps_recordings_forever()
    {
        var plan = RetentionPlanner.PlanExpired([Candidate("old-legal", "legal", days: 5000)], Policy, Now);
        Assert.Empty(plan.Erase);
    }

    [Fact]
    public void A_legal_hold_keeps_an_expired_recording()
    {
        var plan = RetentionPlanner.PlanExpired([Candidate("held", "sales", days: 400, hold: true), Candidate("free", "sales", days: 400)], Policy, Now);
        Assert.Equal(["free"], plan.Erase.Select(e => e.CallKey));
        Assert.Equal(["held"], plan.HeldByLegalHold.Select(e => e.CallKey));
    }

    [Fact]
    public void A_client_erasure_takes_all_their_calls_of_any_age_except_those_on_hold()
    {
        var recordings = new[]
        {
            Candidate("client-new", "sales", days: 1),
            Candidate("client-held", "sales", days: 2, hold: true),
            Candidate("someone-else", "sales", days: 1),
        };

        var plan = RetentionPlanner.PlanClientErasure(recordings, new HashSet<string>(["client-new", "client-held"]));

        Assert.Equal(["client-new"], plan.Erase.Select(e => e.CallKey));
        Assert.Equal(ErasureReason.ClientRequest, plan.Erase[0].Reason);
        Assert.Equal(["client-held"], plan.HeldByLegalHold.Select(e => e.CallKey));
    }

    private static RetentionCandidate Candidate(string key, string? department, int days, bool hold = false)
        => new(key, department, Now.AddDays(-days), hold);
}
