using CtiCore.Domain.Campaigns.Pacing;

namespace CtiCore.DialerSim.Pacers;

/// <summary>One call per ready agent: the baseline that never abandons.</summary>
public sealed class ProgressivePacer : IPacer
{
    public string Name => "Progressive 1:1";

    public int CallsToPlace(PacingSnapshot snapshot) =>
        Math.Max(0, snapshot.ReadyAgents - snapshot.RingingFor.Count - snapshot.CallsWaitingForAgent);
}
