namespace CtiCore.DialerSim;

/// <summary>
/// An independent check of every call the simulation places, written apart from DialEligibility so a bug there
/// shows up here: ground-truth local time in the window, no do-not-call number, no redial within 72 h of an
/// abandon, no more than the attempts, at least 15 s of ringing before giving up, 2 s to reach an agent.
/// </summary>
public sealed class ComplianceAudit(HashSet<string> doNotCall, int maxAttempts)
{
    private readonly Dictionary<string, DateTimeOffset> _lastAbandon = [];
    private readonly Dictionary<string, int> _attempts = [];

    public List<string> Violations { get; } = [];

    public void Seed(string e164, DateTimeOffset abandonedAt) => _lastAbandon[e164] = abandonedAt;

    public void OnPlaced(SimulatedNumber number, DateTimeOffset now)
    {
        var e164 = number.Entry.E164;
        var local = TimeZoneInfo.ConvertTime(now, number.TrueZone);
        var minutes = local.Hour * 60 + local.Minute;
        var inWindow = local.DayOfWeek switch
        {
            DayOfWeek.Sunday => false,
            DayOfWeek.Saturday => minutes >= 10 * 60 && minutes < 17 * 60,
            _ => minutes >= 9 * 60 && minutes < 21 * 60,
        };
        if (!inWindow)
        {
            Violations.Add($"{e164} called at {local:ddd HH:mm} local ({number.TrueZone.Id})");
        }

        if (doNotCall.Contains(e164))
        {
            Violations.Add($"{e164} is on a do-not-call list");
        }

        if (_lastAbandon.TryGetValue(e164, out var abandoned) && now - abandoned < TimeSpan.FromHours(72))
        {
            Violations.Add($"{e164} redialled {(now - abandoned).TotalHours:F1} h after an abandon");
        }

        var attempts = _attempts[e164] = _attempts.GetValueOrDefault(e164) + 1;
        if (attempts > maxAttempts)
        {
            Violations.Add($"{e164} attempt {attempts} of {maxAttempts}");
        }
    }

    public void OnUnansweredRing(string e164, TimeSpan rang)
    {
        if (rang < TimeSpan.FromSeconds(15))
        {
            Violations.Add($"{e164} given up after {rang.TotalSeconds:F1} s of ringing");
        }
    }

    public void OnAbandoned(string e164, DateTimeOffset now) => _lastAbandon[e164] = now;

    public void OnConnected(string e164, TimeSpan waited)
    {
        if (waited > TimeSpan.FromSeconds(2))
        {
            Violations.Add($"{e164} waited {waited.TotalSeconds:F1} s for an agent yet counted as connected");
        }
    }

    public void OnAddedToDoNotCall(string e164) => doNotCall.Add(e164);
}
