namespace CtiCore.Sip.Transactions;

/// <summary>RFC 3261 §17.1.1.1 and Table 4 timer bases. Defaults are the RFC's recommended values.</summary>
public sealed class SipTimerOptions
{
    /// <summary>RTT estimate: the first retransmit interval (Timer A, E, G start here).</summary>
    public TimeSpan T1 { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Cap on non-INVITE request and INVITE response retransmit intervals.</summary>
    public TimeSpan T2 { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Longest time a message stays in the network (Timers I and K).</summary>
    public TimeSpan T4 { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Timer D: at least 32 s on unreliable transports (Table 4).</summary>
    public TimeSpan TimerD { get; set; } = TimeSpan.FromSeconds(32);

    /// <summary>Timers B, F, H and J: 64*T1.</summary>
    public TimeSpan TransactionTimeout => T1 * 64;

    public void Validate()
    {
        if (T1 <= TimeSpan.Zero || T2 < T1 || T4 <= TimeSpan.Zero || TimerD < TimeSpan.Zero)
        {
            throw new InvalidOperationException("SIP timers need T1 > 0, T2 >= T1, T4 > 0 and Timer D >= 0.");
        }
    }

    public override string ToString() => $"T1={T1}, T2={T2}, T4={T4}, D={TimerD}";
}
