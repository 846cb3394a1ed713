using CtiCore.DialerSim.Pacers;
using CtiCore.Domain.Campaigns;
using CtiCore.Domain.Campaigns.Pacing;

namespace CtiCore.DialerSim;

/// <summary>
/// Discrete-event simulation of one campaign for a few hours: agents take calls, talk, wrap up; the pacer is
/// asked once a second how many calls to place; every placement goes through <see cref="DialEligibility"/> and
/// is audited independently. An answered call that finds no agent within 2 s is abandoned. Seeded: the same
/// seed gives the same traffic (outcome, ring, talk and wrap draws are made per call, in placement order).
/// </summary>
public sealed class DialerSimulation
{
    /// <summary>Monday 23 November 2026, 06:00 UTC: 09:00 in Moscow, 16:00 in Vladivostok.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);

    private const double RequestedRingSeconds = 22;

    private readonly Scenario _scenario;
    private readonly IPacer _pacer;
    private readonly Random _random;
    private readonly SimulatedTime _time;
    private readonly Campaign _campaign;
    private readonly DialEligibility _eligibility;
    private readonly AbandonRateTracker _abandon;
    private readonly ComplianceAudit _audit;
    private readonly PriorityQueue<Action, (double, long)> _events = new();
    private readonly Queue<SimulatedNumber> _fresh;
    private readonly PriorityQueue<SimulatedNumber, DateTimeOffset> _retries = new();
    private readonly List<Agent> _agents = [];
    private readonly HashSet<Call> _ringing = [];
    private readonly LinkedList<Call> _waiting = [];
    private readonly DoNotCallSet _doNotCall;
    private long _sequence;
    private long _placed, _liveAnswers, _abandoned, _refusals;
    private double _talkSeconds, _wrapSeconds;
    private readonly double _end;

    public DialerSimulation(Scenario scenario, IPacer pacer, int seed, DateTimeOffset? start = null)
    {
        _scenario = scenario;
        _pacer = pacer;
        _random = new Random(seed);
        _time = new SimulatedTime(start ?? DefaultStart);
        _end = scenario.Hours * 3600;
        _campaign = new Campaign
        {
            Id = 1,
            Name = "Simulated",
            State = CampaignState.Running,
            MaxAttempts = 3,
            Pacing = PacingMode.Predictive,
            CallingWindows =
            [
                .. CallingWindow.Weekdays(new TimeOnly(9, 0), new TimeOnly(21, 0)),
                new CallingWindow(DayOfWeek.Saturday, new TimeOnly(10, 0), new TimeOnly(17, 0)),
            ],
            RetryRules =
            [
                new RetryRule(DialOutcome.Busy, TimeSpan.FromMinutes(10)),
                new RetryRule(DialOutcome.NoAnswer, TimeSpan.FromMinutes(45)),
                new RetryRule(DialOutcome.AnsweringMachine, TimeSpan.FromHours(2)),
                new RetryRule(DialOutcome.Failed, TimeSpan.FromMinutes(30)),
                new RetryRule(DialOutcome.Answered, TimeSpan.FromDays(1), "no-decision-maker"),
            ],
            Dispositions =
            [
                new CampaignDisposition { Code = "sale", Label = "Sale", IsFinal = true },
                new CampaignDisposition { Code = "refused", Label = "Not interested", IsFinal = true },
                new CampaignDisposition { Code = "callback", Label = "Call back", IsCallback = true },
                new CampaignDisposition { Code = "no-decision-maker", Label = "No decision maker" },
                new CampaignDisposition { Code = "do-not-call", Label = "Do not call", AddsToDoNotCall = true },
            ],
        };

        _doNotCall = new DoNotCallSet();
        var auditDoNotCall = new HashSet<string>();
        _audit = new ComplianceAudit(auditDoNotCall, _campaign.MaxAttempts);
        var listSize = (int)(scenario.Agents * scenario.Hours * 3600 / scenario.MeanTalkSeconds / scenario.AnswerRate * 4) + 2000;
        var numbers = DialListGenerator.Generate(new Random(seed ^ 0x5EED), listSize, _campaign.Id, _time.Start, _doNotCall, auditDoNotCall);
        foreach (var n in numbers.Where(n => n.Entry.LastAbandonedAt is not null))
        {
            _audit.Seed(n.Entry.E164, n.Entry.LastAbandonedAt!.Value);
        }

        _fresh = new Queue<SimulatedNumber>(numbers);
        _eligibility = new DialEligibility(_time, _doNotCall);
        _abandon = new AbandonRateTracker(_time);
        for (var i = 0; i < scenario.Agents; i++)
        {
            _agents.Add(new Agent());
        }
    }

    public SimulationResult Run()
    {
        Schedule(0, Tick);
        while (_events.TryDequeue(out var action, out var key) && key.Item1 <= _end)
        {
            _time.Seconds = key.Item1;
            action();
        }

        _time.Seconds = _end;
        foreach (var agent in _agents)
        {
            // Count the part of the call or wrap-up in progress at the end.
            if (agent.State == AgentState.Talking)
            {
                _talkSeconds += _end - agent.Since;
            }
            else if (agent.State == AgentState.WrappingUp)
            {
                _wrapSeconds += _end - agent.Since;
            }
        }

        return new SimulationResult(_pacer.Name, _scenario, 0, _placed, _liveAnswers, _abandoned, _talkSeconds, _wrapSeconds, _refusals, _audit.Violations);
    }

    private void Tick()
    {
        var now = _time.Seconds;
        var snapshot = new PacingSnapshot
        {
            Now = _time.Now,
            ReadyAgents = _agents.Count(a => a.State == AgentState.Ready),
            TalkingFor = [.. _agents.Where(a => a.State == AgentState.Talking).Select(a => TimeSpan.FromSeconds(now - a.Since))],
            WrappingUpFor = [.. _agents.Where(a => a.State == AgentState.WrappingUp).Select(a => TimeSpan.FromSeconds(now - a.Since))],
            RingingFor = [.. _ringing.Select(c => TimeSpan.FromSeconds(now - c.PlacedAt))],
            CallsWaitingForAgent = _waiting.Count,
            Abandon = _abandon.Current,
        };

        var toPlace = _pacer.CallsToPlace(snapshot);
        for (var i = 0; i < toPlace; i++)
        {
            if (!TryPlaceNext())
            {
                break;
            }
        }

        Schedule(now + 1, Tick);
    }

    private bool TryPlaceNext()
    {
        while (NextCandidate() is { } number)
        {
            var decision = _eligibility.Check(_campaign, number.Entry, number.ClientTimeZone);
            if (!decision.Allowed)
            {
                _refusals++;
                if (decision.NotBefore is { } notBefore && (notBefore - _time.Start).TotalSeconds < _end)
                {
                    _retries.Enqueue(number, notBefore);
                }

                continue;
            }

            Place(number);
            return true;
        }

        return false;
    }

    private SimulatedNumber? NextCandidate()
    {
        if (_retries.TryPeek(out var due, out var at) && at <= _time.Now)
        {
            _retries.Dequeue();
            return due;
        }

        return _fresh.TryDequeue(out var fresh) ? fresh : null;
    }

    private void Place(SimulatedNumber number)
    {
        _placed++;
        _audit.OnPlaced(number, _time.Now);
        number.Entry.State = DialListEntryState.Dialing;
        var call = new Call(number, _time.Seconds);
        _ringing.Add(call);

        var ringTimeout = DialCompliance.RingTimeout(TimeSpan.FromSeconds(RequestedRingSeconds)).TotalSeconds;
        var roll = _random.NextDouble();
        var answerAfter = Math.Clamp(LogNormal(7, 0.5), 2, ringTimeout - 1);
        var rest = 1 - _scenario.AnswerRate;
        if (roll < _scenario.AnswerRate)
        {
            Schedule(call.PlacedAt + answerAfter, () => Answered(call));
        }
        else if ((roll -= _scenario.AnswerRate) < rest * 0.12)
        {
            Schedule(call.PlacedAt + 2 + _random.NextDouble() * 3, () => EndedUnanswered(call, DialOutcome.Busy));
        }
        else if ((roll -= rest * 0.12) < rest * 0.10)
        {
            // Answering-machine detection needs about 3 s of the greeting.
            Schedule(call.PlacedAt + answerAfter + 3, () => EndedUnanswered(call, DialOutcome.AnsweringMachine));
        }
        else if ((roll -= rest * 0.10) < rest * 0.03)
        {
            Schedule(call.PlacedAt + 1 + _random.NextDouble() * 2, () => EndedUnanswered(call, DialOutcome.Failed));
        }
        else
        {
            Schedule(call.PlacedAt + ringTimeout, () => EndedUnanswered(call, DialOutcome.NoAnswer));
        }

        // Draw the conversation now, so every pacer sees the same callee behaviour for the same seed and order.
        call.TalkSeconds = Math.Max(10, LogNormal(_scenario.MeanTalkSeconds * Math.Exp(-0.18), 0.6));
        call.WrapSeconds = _scenario.WrapMinSeconds + _random.NextDouble() * (_scenario.WrapMaxSeconds - _scenario.WrapMinSeconds);
        (call.Disposition, call.CallbackInSeconds) = PickDisposition();
    }

    private void EndedUnanswered(Call call, DialOutcome outcome)
    {
        _ringing.Remove(call);
        var rang = _time.Seconds - call.PlacedAt;
        if (outcome == DialOutcome.NoAnswer)
        {
            _audit.OnUnansweredRing(call.Number.Entry.E164, TimeSpan.FromSeconds(rang));
        }

        _pacer.ObserveAttempt(false, TimeSpan.FromSeconds(rang));
        Finish(call.Number, outcome, null, null);
    }

    private void Answered(Call call)
    {
        _ringing.Remove(call);
        call.AnsweredAt = _time.Seconds;
        _pacer.ObserveAttempt(true, TimeSpan.FromSeconds(call.AnsweredAt - call.PlacedAt));
        var agent = _agents.FirstOrDefault(a => a.State == AgentState.Ready);
        if (agent is not null)
        {
            Connect(call, agent);
            return;
        }

        var node = _waiting.AddLast(call);
        Schedule(_time.Seconds + DialCompliance.MaximumAgentConnectDelay.TotalSeconds, () =>
        {
            if (node.List is null)
            {
                return;
            }

            _waiting.Remove(node);
            _liveAnswers++;
            _abandoned++;
            _abandon.RecordLiveAnswer(abandoned: true);
            _pacer.ObserveLiveAnswer(abandoned: true);
            _audit.OnAbandoned(call.Number.Entry.E164, _time.Now);
            Finish(call.Number, DialOutcome.Abandoned, null, null);
        });
    }

    private void Connect(Call call, Agent agent)
    {
        _audit.OnConnected(call.Number.Entry.E164, TimeSpan.FromSeconds(_time.Seconds - call.AnsweredAt));
        _liveAnswers++;
        _abandon.RecordLiveAnswer(abandoned: false);
        _pacer.ObserveLiveAnswer(abandoned: false);
        agent.State = AgentState.Talking;
        agent.Since = _time.Seconds;
        Schedule(_time.Seconds + call.TalkSeconds, () =>
        {
            _talkSeconds += call.TalkSeconds;
            _pacer.ObserveTalk(TimeSpan.FromSeconds(call.TalkSeconds));
            var callback = call.CallbackInSeconds is { } s ? _time.Now.AddSeconds(s) : (DateTimeOffset?)null;
            if (call.Disposition == "do-not-call")
            {
                _doNotCall.AddForCampaign(call.Number.Entry.E164, _campaign.Id);
                _audit.OnAddedToDoNotCall(call.Number.Entry.E164);
            }

            Finish(call.Number, DialOutcome.Answered, call.Disposition, callback);
            agent.State = AgentState.WrappingUp;
            agent.Since = _time.Seconds;
            Schedule(_time.Seconds + call.WrapSeconds, () =>
            {
                _wrapSeconds += call.WrapSeconds;
                _pacer.ObserveWrapUp(TimeSpan.FromSeconds(call.WrapSeconds));
                agent.State = AgentState.Ready;
                agent.Since = _time.Seconds;
                if (_waiting.First is { } first)
                {
                    _waiting.RemoveFirst();
                    Connect(first.Value, agent);
                }
            });
        });
    }

    private void Finish(SimulatedNumber number, DialOutcome outcome, string? disposition, DateTimeOffset? callbackAt)
    {
        var entry = number.Entry;
        RetryScheduler.Apply(_campaign, entry, outcome, _time.Now, disposition, callbackAt);
        if (entry.State == DialListEntryState.Pending && entry.NextAttemptAt is { } next && (next - _time.Start).TotalSeconds < _end)
        {
            _retries.Enqueue(number, next);
        }
    }

    private (string Disposition, double? CallbackInSeconds) PickDisposition()
    {
        var roll = _random.NextDouble();
        var callbackIn = 1800 + _random.NextDouble() * 7200;
        return roll switch
        {
            < 0.15 => ("sale", null),
            < 0.70 => ("refused", null),
            < 0.85 => ("callback", callbackIn),
            < 0.98 => ("no-decision-maker", null),
            _ => ("do-not-call", null),
        };
    }

    private double LogNormal(double median, double sigma)
    {
        // Box–Muller; the median of exp(N(ln m, σ)) is m.
        var u1 = 1 - _random.NextDouble();
        var u2 = _random.NextDouble();
        var normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return median * Math.Exp(sigma * normal);
    }

    private void Schedule(double at, Action action) => _events.Enqueue(action, (at, _sequence++));

    private enum AgentState
    {
        Ready,
        Talking,
        WrappingUp,
    }

    private sealed class Agent
    {
        public AgentState State { get; set; }
        public double Since { get; set; }
    }

    private sealed class Call(SimulatedNumber number, double placedAt)
    {
        public SimulatedNumber Number { get; } = number;
        public double PlacedAt { get; } = placedAt;
        public double AnsweredAt { get; set; }
        public double TalkSeconds { get; set; }
        public double WrapSeconds { get; set; }
        public string? Disposition { get; set; }
        public double? CallbackInSeconds { get; set; }
    }
}
