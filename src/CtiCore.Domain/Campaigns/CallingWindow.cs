namespace CtiCore.Domain.Campaigns;

/// <summary>
/// A span of the callee's local wall-clock time on one weekday when calls are allowed, start inclusive,
/// end exclusive. An end at or before the start means the window runs past midnight into the next day
/// (Friday 18:00–02:00 covers Saturday 00:00–02:00), so night shifts need no second entry.
/// </summary>
public sealed class CallingWindow
{
    public CallingWindow()
    {
    }

    public CallingWindow(DayOfWeek day, TimeOnly start, TimeOnly end)
    {
        Day = day;
        Start = start;
        End = end;
    }

    public DayOfWeek Day { get; set; }
    public TimeOnly Start { get; set; }
    public TimeOnly End { get; set; }

    public bool CrossesMidnight => End <= Start;

    /// <summary>True when <paramref name="local"/> (the callee's wall clock) lies in this window.</summary>
    public bool Contains(DateTime local)
    {
        var time = TimeOnly.FromDateTime(local);
        if (!CrossesMidnight)
        {
            return local.DayOfWeek == Day && time >= Start && time < End;
        }

        var nextDay = (DayOfWeek)(((int)Day + 1) % 7);
        return (local.DayOfWeek == Day && time >= Start) || (local.DayOfWeek == nextDay && time < End);
    }

    /// <summary>Monday to Friday <paramref name="start"/>–<paramref name="end"/>, the usual business pattern.</summary>
    public static List<CallingWindow> Weekdays(TimeOnly start, TimeOnly end) =>
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new CallingWindow(d, start, end))];

    /// <summary>Every day of the week <paramref name="start"/>–<paramref name="end"/>.</summary>
    public static List<CallingWindow> EveryDay(TimeOnly start, TimeOnly end) =>
        [.. Enum.GetValues<DayOfWeek>().Select(d => new CallingWindow(d, start, end))];

    public override string ToString() => $"{Day} {Start:HH\\:mm}–{End:HH\\:mm}";
}
