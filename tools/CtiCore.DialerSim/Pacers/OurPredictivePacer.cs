using CtiCore.Domain.Campaigns.Pacing;

namespace CtiCore.DialerSim.Pacers;

/// <summary>CtiCore's <see cref="PredictivePacer"/>, fed exactly what the campaign grain will feed it.</summary>
public sealed class OurPredictivePacer(double cap, PredictivePacerOptions? options = null) : IPacer
{
    private readonly PredictivePacer _pacer = new(options);

    public string Name => "CtiCore predictive";

    public PredictivePacer Inner => _pacer;

    public int CallsToPlace(PacingSnapshot snapshot) => _pacer.Decide(snapshot, cap).CallsToPlace;

    public void ObserveAttempt(bool liveAnswer, TimeSpan ringTime) => _pacer.ObserveAttempt(liveAnswer, ringTime);

    public void ObserveTalk(TimeSpan talk) => _pacer.ObserveTalk(talk);

    public void ObserveWrapUp(TimeSpan wrapUp) => _pacer.ObserveWrapUp(wrapUp);
}
