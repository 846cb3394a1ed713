using CtiCore.Domain.Campaigns.Pacing;

namespace CtiCore.DialerSim.Pacers;

/// <summary>A fixed number of lines per ready agent, blind to the abandon rate.</summary>
public sealed class FixedRatioPacer(double ratio) : IPacer
{
    public string Name => $"Fixed ratio {ratio:F1}";

    public int CallsToPlace(PacingSnapshot snapshot) =>
        Math.Max(0, (int)Math.Floor(ratio * snapshot.ReadyAgents) - snapshot.RingingFor.Count - snapshot.CallsWaitingForAgent);
}
