using CtiCore.Domain.Campaigns.Pacing;

namespace CtiCore.DialerSim.Pacers;

/// <summary>A pacing strategy under test. Called once a simulated second; returns how many calls to place now.</summary>
public interface IPacer
{
    string Name { get; }

    int CallsToPlace(PacingSnapshot snapshot);

    void ObserveAttempt(bool liveAnswer, TimeSpan ringTime)
    {
    }

    void ObserveTalk(TimeSpan talk)
    {
    }

    void ObserveWrapUp(TimeSpan wrapUp)
    {
    }

    void ObserveLiveAnswer(bool abandoned)
    {
    }
}
