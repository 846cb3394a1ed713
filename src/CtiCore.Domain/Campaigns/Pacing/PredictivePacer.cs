namespace CtiCore.Domain.Campaigns.Pacing;

/// <summary>
/// Chooses how many calls to place now so that agents stay busy while the share of answered calls that find
/// no agent stays under the cap. Pure and single-threaded: the campaign grain feeds it outcomes and asks it
/// once a second. The model (docs/predictive-dialing.md):
/// <list type="number">
/// <item>Answers X over the next horizon: every call already ringing answers with its probability given how
/// long it has rung unanswered; every new call with the live answer probability p; callers already waiting
/// for an agent count as certain. X is Poisson-binomial.</item>
/// <item>Agents A free by the horizon (the time a new call takes to be answered, plus the 2-s connect grace):
/// ready agents surely; agents in wrap-up and in talk with the probability their remaining time fits, read
/// from the learnt duration distributions given how long they have been in that state. Also Poisson-binomial.</item>
/// <item>The predicted abandon ratio of n new calls is E[(X−A)⁺] / E[X]; the pacer places the largest n whose
/// ratio is within the target: cap × safety margin × a calibration factor that an integral controller moves
/// towards the measured control-window rate, so the model's bias is learnt away.</item>
/// <item>As the 24-h or 30-day rate approaches the cap the target shrinks linearly; at the cap it is zero and the
/// pacer places only calls that a ready agent is certain to take (progressive).</item>
/// </list>
/// </summary>
public sealed class PredictivePacer
{
    private readonly PredictivePacerOptions _options;
    private readonly DecayedHistogram _timeToAnswer;
    private readonly DecayedHistogram _nonLiveEnd;
    private readonly DecayedHistogram _talk;
    private readonly DecayedHistogram _wrap;
    private double _answerProbability;
    private double _calibration = 1;
    private DateTimeOffset? _lastDecision;

    public PredictivePacer(PredictivePacerOptions? options = null)
    {
        _options = options ?? new PredictivePacerOptions();
        var decay = _options.EstimateDecay;
        _timeToAnswer = new DecayedHistogram(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(120), decay);
        _nonLiveEnd = new DecayedHistogram(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(120), decay);
        _talk = new DecayedHistogram(TimeSpan.FromSeconds(5), TimeSpan.FromHours(1), decay);
        _wrap = new DecayedHistogram(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), decay);
        _answerProbability = _options.PriorAnswerProbability;

        // Priors weigh a few observations, so the first real calls move the estimates quickly.
        SeedAround(_timeToAnswer, _options.PriorTimeToAnswer);
        SeedAround(_nonLiveEnd, _options.PriorNoAnswerRing);
        SeedAround(_talk, _options.PriorTalkTime);
        SeedAround(_wrap, _options.PriorWrapUp);
    }

    public double AnswerProbability => _answerProbability;
    public double Calibration => _calibration;
    public TimeSpan MeanTalkTime => _talk.Mean();
    public TimeSpan MeanWrapUp => _wrap.Mean();
    public TimeSpan MeanTimeToAnswer => _timeToAnswer.Mean();

    /// <summary>One attempt ended ringing: a person answered after <paramref name="ringTime"/>, or it ended otherwise then.</summary>
    public void ObserveAttempt(bool liveAnswer, TimeSpan ringTime)
    {
        var alpha = 1 - _options.EstimateDecay;
        _answerProbability += alpha * ((liveAnswer ? 1 : 0) - _answerProbability);
        (liveAnswer ? _timeToAnswer : _nonLiveEnd).Add(ringTime);
    }

    public void ObserveTalk(TimeSpan talk) => _talk.Add(talk);

    public void ObserveWrapUp(TimeSpan wrapUp) => _wrap.Add(wrapUp);

    public PacingDecision Decide(PacingSnapshot snapshot, double abandonCap)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var target = Target(snapshot, abandonCap, out var why);

        var inFlight = snapshot.RingingFor.Count + snapshot.CallsWaitingForAgent;
        var maxLines = (int)Math.Floor(_options.MaximumLinesPerAgent * snapshot.LoggedInAgents);
        var room = Math.Max(0, maxLines - inFlight - snapshot.TalkingFor.Count);

        if (target <= 0)
        {
            // Progressive: only calls a ready agent is certain to take, whatever they do.
            var progressive = Math.Clamp(snapshot.ReadyAgents - inFlight, 0, room);
            return new PacingDecision(progressive, inFlight, snapshot.ReadyAgents, 0, 0, why);
        }

        var horizon = _timeToAnswer.Quantile(0.5) + DialCompliance.MaximumAgentConnectDelay;
        var agents = AgentsFreeBy(snapshot, horizon);
        var answers = AnswersFromCallsInFlight(snapshot);
        var shortfall = ExpectedShortfallTable(agents, answers.Length + room + 1);

        var p = Math.Clamp(_answerProbability, 0.001, 1);
        var best = Evaluate(answers, shortfall);
        var chosen = 0;
        for (var n = 1; n <= room; n++)
        {
            answers = AddBernoulli(answers, p);
            var candidate = Evaluate(answers, shortfall);
            if (candidate.Ratio > target)
            {
                break;
            }

            best = candidate;
            chosen = n;
        }

        return new PacingDecision(chosen, best.ExpectedAnswers, Mean(agents), best.Ratio, target, why);
    }

    /// <summary>The abandon ratio the next calls may be predicted to cause.</summary>
    private double Target(PacingSnapshot snapshot, double cap, out string why)
    {
        var aim = cap * _options.SafetyMargin;
        var control = snapshot.Abandon.Control;
        if (_lastDecision is { } last && control.LiveAnswers >= _options.MinimumAnswersForFeedback)
        {
            // Integral control: the model's absolute level is off by whatever the timing inside the horizon does;
            // the measured short-window rate tells by how much.
            var dt = Math.Clamp((snapshot.Now - last).TotalSeconds, 0, 60);
            var error = Math.Clamp((aim - control.Rate) / aim, -1, 1);
            _calibration = Math.Clamp(_calibration * Math.Exp(error * dt / _options.FeedbackTimeConstant.TotalSeconds), 0.05, 20);
        }

        _lastDecision = snapshot.Now;

        var longRate = Math.Max(snapshot.Abandon.Last24Hours.Rate, snapshot.Abandon.Campaign30Days.Rate);
        var longAnswers = Math.Min(snapshot.Abandon.Last24Hours.LiveAnswers, snapshot.Abandon.Campaign30Days.LiveAnswers);
        var guard = 1.0;
        if (longAnswers >= _options.MinimumAnswersForGuard && longRate > aim)
        {
            guard = Math.Max(0, (cap - longRate) / (cap - aim));
        }

        why = guard <= 0
            ? $"long-window abandon rate {longRate:P2} at the cap {cap:P1}: progressive until it falls"
            : $"aiming at {aim * guard:P2} (calibration {_calibration:F2})";
        return aim * guard * _calibration;
    }

    private double[] AgentsFreeBy(PacingSnapshot s, TimeSpan horizon)
    {
        var chances = new List<double>(s.TalkingFor.Count + s.WrappingUpFor.Count);
        var wrapMean = _wrap.Mean();
        foreach (var wrapping in s.WrappingUpFor)
        {
            chances.Add(_wrap.EndsWithin(wrapping, horizon));
        }

        foreach (var talking in s.TalkingFor)
        {
            // After talk comes wrap-up; only the talk that ends a mean wrap-up before the horizon frees the agent in time.
            var slack = horizon - wrapMean;
            chances.Add(slack <= TimeSpan.Zero ? 0 : _talk.EndsWithin(talking, slack));
        }

        var distribution = new double[] { 1 };
        distribution = Shift(distribution, s.ReadyAgents);
        foreach (var q in chances)
        {
            if (q > 1e-6)
            {
                distribution = AddBernoulli(distribution, q);
            }
        }

        return distribution;
    }

    private double[] AnswersFromCallsInFlight(PacingSnapshot s)
    {
        var distribution = Shift([1], s.CallsWaitingForAgent);
        var p = _answerProbability;
        foreach (var ringing in s.RingingFor)
        {
            // Bayes: a call that has rung r seconds unanswered answers with p·S_A(r) / (p·S_A(r) + (1−p)·S_N(r)).
            var live = p * _timeToAnswer.Survival(ringing);
            var other = (1 - p) * _nonLiveEnd.Survival(ringing);
            var q = live + other <= 1e-12 ? 0 : live / (live + other);
            if (q > 1e-6)
            {
                distribution = AddBernoulli(distribution, q);
            }
        }

        return distribution;
    }

    /// <summary>shortfall[x] = E[(x − A)⁺]: callers left without an agent if x answer.</summary>
    private static double[] ExpectedShortfallTable(double[] agents, int size)
    {
        var table = new double[size];
        for (var x = 0; x < size; x++)
        {
            double sum = 0;
            for (var a = 0; a < agents.Length && a < x; a++)
            {
                sum += agents[a] * (x - a);
            }

            table[x] = sum;
        }

        return table;
    }

    private static (double Ratio, double ExpectedAnswers) Evaluate(double[] answers, double[] shortfall)
    {
        double expected = 0, dropped = 0;
        for (var x = 0; x < answers.Length; x++)
        {
            expected += answers[x] * x;
            dropped += answers[x] * shortfall[Math.Min(x, shortfall.Length - 1)];
        }

        return (expected <= 1e-12 ? 0 : dropped / expected, expected);
    }

    private static double[] AddBernoulli(double[] distribution, double p)
    {
        var next = new double[distribution.Length + 1];
        for (var i = 0; i < distribution.Length; i++)
        {
            next[i] += distribution[i] * (1 - p);
            next[i + 1] += distribution[i] * p;
        }

        return next;
    }

    private static double[] Shift(double[] distribution, int by)
    {
        if (by <= 0)
        {
            return distribution;
        }

        var next = new double[distribution.Length + by];
        Array.Copy(distribution, 0, next, by, distribution.Length);
        return next;
    }

    private static double Mean(double[] distribution)
    {
        double sum = 0;
        for (var i = 0; i < distribution.Length; i++)
        {
            sum += distribution[i] * i;
        }

        return sum;
    }

    private static void SeedAround(DecayedHistogram histogram, TimeSpan center)
    {
        foreach (var factor in new[] { 0.5, 0.75, 1.0, 1.25, 1.5 })
        {
            histogram.Add(center * factor);
        }
    }
}
