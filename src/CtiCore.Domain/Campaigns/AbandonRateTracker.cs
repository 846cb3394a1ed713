namespace CtiCore.Domain.Campaigns;

/// <summary>
/// Tracks the abandon rate of one campaign over the three windows the issue names: 30 days (US FTC/FCC
/// measure it per campaign per 30-day period), 24 hours (UK Ofcom) and a short control window the pacer
/// reacts to. Fed with every live answer as it ends; fixed memory; all time from <see cref="TimeProvider"/>.
/// </summary>
public sealed class AbandonRateTracker
{
    public static readonly TimeSpan DefaultControlWindow = TimeSpan.FromMinutes(15);

    private readonly TimeProvider _time;
    private readonly RollingCounter _thirtyDays = new(TimeSpan.FromDays(30), TimeSpan.FromHours(1));
    private readonly RollingCounter _day = new(TimeSpan.FromHours(24), TimeSpan.FromMinutes(1));
    private readonly RollingCounter _control;

    public AbandonRateTracker(TimeProvider time, TimeSpan? controlWindow = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        var window = controlWindow ?? DefaultControlWindow;
        _control = new RollingCounter(window, TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, window.Ticks / 60)));
    }

    /// <summary>Records one call a person answered: connected to an agent, or abandoned.</summary>
    public void RecordLiveAnswer(bool abandoned)
    {
        var now = _time.GetUtcNow();
        var dropped = abandoned ? 1 : 0;
        _thirtyDays.Add(now, 1, dropped);
        _day.Add(now, 1, dropped);
        _control.Add(now, 1, dropped);
    }

    /// <summary>Records an outcome; only live answers (<see cref="DialOutcome.Answered"/>, <see cref="DialOutcome.Abandoned"/>) count.</summary>
    public void Record(DialOutcome outcome)
    {
        if (outcome is DialOutcome.Answered or DialOutcome.Abandoned)
        {
            RecordLiveAnswer(outcome == DialOutcome.Abandoned);
        }
    }

    public AbandonRates Current
    {
        get
        {
            var now = _time.GetUtcNow();
            return new AbandonRates(Rate(_thirtyDays, now), Rate(_day, now), Rate(_control, now));
        }
    }

    private static AbandonRate Rate(RollingCounter counter, DateTimeOffset now)
    {
        var (live, abandoned) = counter.Sum(now);
        return new AbandonRate(counter.Window, live, abandoned);
    }
}
