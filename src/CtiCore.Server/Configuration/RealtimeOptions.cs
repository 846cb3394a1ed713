namespace CtiCore.Server.Configuration;

/// <summary>SignalR hub settings (section <c>Cti:Realtime</c>).</summary>
public sealed class RealtimeOptions
{
    public const string SectionName = "Cti:Realtime";

    /// <summary>Hub method calls allowed per user per second (token bucket, burst of the same size), 1..1000. Default 20.</summary>
    public int InvocationsPerSecond { get; set; } = 20;

    /// <summary>
    /// How many calls or agents the realtime bridge pushes to at once (each call's and each agent's messages stay in
    /// order), 1..1024. Default 32: a pop mostly waits on grains, the CRM and sockets, not on the CPU.
    /// </summary>
    public int PushConcurrency { get; set; } = 32;

    public override string ToString() => $"InvocationsPerSecond={InvocationsPerSecond}, PushConcurrency={PushConcurrency}";
}
