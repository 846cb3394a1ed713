namespace CtiCore.Domain.Campaigns;

/// <summary>The fixed numbers of outbound-calling regulation the dialer must honour; not configurable on purpose.</summary>
public static class DialCompliance
{
    /// <summary>
    /// An unanswered call rings at least this long before the dialer gives up (FCC 47 CFR 64.1200(a)(6):
    /// 15 seconds or four rings), so nobody runs to a phone that has already stopped.
    /// </summary>
    public static readonly TimeSpan MinimumRingDuration = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A call answered by a person must reach an agent within this time, or it counts as abandoned
    /// (FCC 47 CFR 64.1200(a)(7)(i): two seconds after the greeting ends).
    /// </summary>
    public static readonly TimeSpan MaximumAgentConnectDelay = TimeSpan.FromSeconds(2);

    /// <summary>A number whose call was abandoned is not dialled again for this long (Ofcom persistent-misuse policy, §A1.27).</summary>
    public static readonly TimeSpan AbandonedCallQuarantine = TimeSpan.FromHours(72);

    /// <summary>Default cap on abandoned calls as a share of live answers: 3 % (FCC 30-day campaign, Ofcom 24 h).</summary>
    public const double DefaultAbandonCap = 0.03;

    /// <summary>The ring time the dialer must use: what was asked for, never less than <see cref="MinimumRingDuration"/>.</summary>
    public static TimeSpan RingTimeout(TimeSpan requested) =>
        requested < MinimumRingDuration ? MinimumRingDuration : requested;
}
