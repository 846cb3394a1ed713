namespace CtiCore.Server.Configuration;

/// <summary>SignalR hub settings (section <c>Cti:Realtime</c>).</summary>
public sealed class RealtimeOptions
{
    public const string SectionName = "Cti:Realtime";

    /// <summary>Hub method calls allowed per user per second (token bucket, burst of the same size), 1..1000. Default 20.</summary>
    public int InvocationsPerSecond { get; set; } = 20;

    public override string ToString() => $"InvocationsPerSecond={InvocationsPerSecond}";
}
