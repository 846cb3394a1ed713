namespace CtiCore.DialerSim;

/// <summary>The simulation's clock, so the domain's rules (windows, quarantine, abandon windows) read simulated time.</summary>
public sealed class SimulatedTime(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Start { get; } = start;
    public double Seconds { get; set; }
    public DateTimeOffset Now => Start.AddSeconds(Seconds);
    public override DateTimeOffset GetUtcNow() => Now;
}
