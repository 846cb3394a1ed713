using CtiCore.Domain.Campaigns.Pacing;

namespace CtiCore.DialerSim.Pacers;

/// <summary>
/// A re-implementation, from its documented behaviour, of VICIdial's ADAPT_HARD_LIMIT dial method with adaptive
/// intensity 0 and no differential target: the dial level is lines per non-paused agent (ready + in call); every
/// 15 s it is multiplied by 1 + (average waiting agents − average waiting calls) / average agents over the last
/// 15 one-second samples, kept in [1.0, 3.0]; once more than 50 calls were placed today and drops / answers today
/// exceeds the cap, the level is forced to 1.0. Lines in use (ringing, waiting, talking) count against the level.
/// </summary>
public sealed class AdaptHardLimitPacer(double cap, double maximumLevel = 3.0) : IPacer
{
    private readonly Queue<(int Ready, int Waiting, int Agents)> _samples = new();
    private double _level = 1.0;
    private int _tick;
    private long _calls;
    private long _answers;
    private long _drops;

    public string Name => "VICIdial ADAPT_HARD_LIMIT";

    public double Level => _level;

    public int CallsToPlace(PacingSnapshot snapshot)
    {
        _samples.Enqueue((snapshot.ReadyAgents, snapshot.CallsWaitingForAgent, snapshot.ReadyAgents + snapshot.TalkingFor.Count));
        while (_samples.Count > 15)
        {
            _samples.Dequeue();
        }

        if (++_tick % 15 == 0)
        {
            var agents = _samples.Average(s => s.Agents);
            var differential = _samples.Average(s => s.Ready) - _samples.Average(s => s.Waiting);
            if (agents > 0)
            {
                _level = Math.Clamp(_level * (1 + differential / agents), 1.0, maximumLevel);
            }

            if (_calls > 50 && _answers > 0 && (double)_drops / _answers > cap)
            {
                _level = 1.0;
            }
        }

        var lines = (int)Math.Floor((snapshot.ReadyAgents + snapshot.TalkingFor.Count) * _level);
        var inUse = snapshot.RingingFor.Count + snapshot.CallsWaitingForAgent + snapshot.TalkingFor.Count;
        var toPlace = Math.Max(0, lines - inUse);
        _calls += toPlace;
        return toPlace;
    }

    public void ObserveLiveAnswer(bool abandoned)
    {
        _answers++;
        if (abandoned)
        {
            _drops++;
        }
    }
}
