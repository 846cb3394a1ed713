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
/// <item>As the 24-h or 30-day rate approaches the cap the target shrinks linearly; at 95 % of the cap it is zero and the
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
    private double _attemptsSeen;
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
        _attemptsSeen = Math.Min(_attemptsSeen + 1, 1 / alpha);
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

        var model = new Horizon(this, snapshot);

        // Plan with an upper confidence bound of the answer probability: at the start of a campaign the prior
        // may be far off, and an answer rate underestimated by half with every agent free drops dozens of calls
        // in the first minute. The bound tightens as attempts are seen.
        var p = Math.Clamp(_answerProbability + (1.5 * Math.Sqrt(_answerProbability * (1 - _answerProbability) / (_attemptsSeen + 5))), 0.001, 1);
        var best = model.Evaluate(0, p);
        var chosen = 0;
        for (var n = 1; n <= room; n++)
        {
            var candidate = model.Evaluate(n, p);
            if (candidate.Ratio > target)
            {
                break;
            }

            best = candidate;
            chosen = n;
        }

        return new PacingDecision(chosen, best.ExpectedAnswers, model.AgentsFreeAtEnd, best.Ratio, target, why);
    }

    /// <summary>The abandon ratio the next calls may be predicted to cause.</summary>
    private double Target(PacingSnapshot snapshot, double cap, out string why)
    {
        var aim = cap * _options.SafetyMargin;

        // Throttle harder as the long windows (what regulators measure) approach the cap: linearly from the aim
        // down to zero at the guard limit, where only progressive dialling is left.
        var longRate = Math.Max(snapshot.Abandon.Last24Hours.Rate, snapshot.Abandon.Campaign30Days.Rate);
        var longAnswers = Math.Min(snapshot.Abandon.Last24Hours.LiveAnswers, snapshot.Abandon.Campaign30Days.LiveAnswers);
        // The guard reaches zero a little below the cap: calls already ringing when it trips can still drop.
        var limit = cap * _options.GuardLimit;
        var guard = 1.0;
        if (longAnswers >= _options.MinimumAnswersForGuard && longRate > aim)
        {
            guard = Math.Max(0, (limit - longRate) / (limit - aim));
        }

        var control = snapshot.Abandon.Control;
        if (_lastDecision is { } last && control.LiveAnswers >= _options.MinimumAnswersForFeedback && guard > 0)
        {
            // Integral control: the model's absolute level is off by whatever it simplifies (timing within a slice,
            // the normal approximation); the measured short-window rate tells by how much.
            var goal = aim * guard;
            var dt = Math.Clamp((snapshot.Now - last).TotalSeconds, 0, 60);
            var error = Math.Clamp((goal - control.Rate) / goal, -1, 1);
            _calibration = Math.Clamp(_calibration * Math.Exp(error * dt / _options.FeedbackTimeConstant.TotalSeconds), 0.1, 3);
        }

        _lastDecision = snapshot.Now;
        why = guard <= 0
            ? $"long-window abandon rate {longRate:P2} at the guard limit {limit:P2}: progressive until it falls"
            : $"aiming at {aim * guard:P2} (calibration {_calibration:F2})";
        return aim * guard * _calibration;
    }

    /// <summary>
    /// The next seconds, slice by slice: answers by t (calls in flight and n new ones) against agents free by
    /// t + the connect grace. Both are sums of independent Bernoulli variables, taken as normal (mean and variance
    /// add), so evaluating another n costs O(slices). Callers left over at the worst slice is the abandon estimate:
    /// every agent takes one caller, so an excess of answers over agents at any instant must have been dropped.
    /// </summary>
    private sealed class Horizon
    {
        private readonly double[] _meanDeficit;
        private readonly double[] _variance;
        private readonly double[] _newAnswerBy;
        private readonly double _answersInFlight;

        public Horizon(PredictivePacer pacer, PacingSnapshot s)
        {
            var slices = Math.Max(5, (int)Math.Ceiling(pacer._timeToAnswer.Quantile(0.95).TotalSeconds));
            _meanDeficit = new double[slices + 1];
            _variance = new double[slices + 1];
            _newAnswerBy = new double[slices + 1];
            var grace = DialCompliance.MaximumAgentConnectDelay;
            var wrapMean = pacer._wrap.Mean();
            var p = pacer._answerProbability;

            for (var t = 0; t <= slices; t++)
            {
                var at = TimeSpan.FromSeconds(t);
                _newAnswerBy[t] = 1 - pacer._timeToAnswer.Survival(at);
                _meanDeficit[t] = s.CallsWaitingForAgent - s.ReadyAgents;
            }

            _answersInFlight = s.CallsWaitingForAgent;
            foreach (var ringing in s.RingingFor)
            {
                // Bayes: a call that has rung r seconds unanswered is live with p·S_A(r) / (p·S_A(r) + (1−p)·S_N(r)),
                // and then answers by r + t with (S_A(r) − S_A(r + t)) / S_A(r).
                var aliveAnswer = pacer._timeToAnswer.Survival(ringing);
                var live = p * aliveAnswer;
                var other = (1 - p) * pacer._nonLiveEnd.Survival(ringing);
                if (live <= 1e-12)
                {
                    continue;
                }

                var q = live / (live + other);
                _answersInFlight += q;
                for (var t = 0; t <= slices; t++)
                {
                    var by = q * (aliveAnswer - pacer._timeToAnswer.Survival(ringing + TimeSpan.FromSeconds(t))) / aliveAnswer;
                    _meanDeficit[t] += by;
                    _variance[t] += by * (1 - by);
                }
            }

            foreach (var wrapping in s.WrappingUpFor)
            {
                for (var t = 0; t <= slices; t++)
                {
                    AddAgent(t, pacer._wrap.EndsWithin(wrapping, TimeSpan.FromSeconds(t) + grace));
                }
            }

            foreach (var talking in s.TalkingFor)
            {
                for (var t = 0; t <= slices; t++)
                {
                    // After talk comes wrap-up: only talk ending a mean wrap-up before t + grace frees the agent in time.
                    var slack = TimeSpan.FromSeconds(t) + grace - wrapMean;
                    AddAgent(t, slack <= TimeSpan.Zero ? 0 : pacer._talk.EndsWithin(talking, slack));
                }
            }

            AgentsFreeAtEnd = s.ReadyAgents - (_meanDeficit[slices] - _answersInFlight);
        }

        public double AgentsFreeAtEnd { get; private set; }

        public (double Ratio, double ExpectedAnswers) Evaluate(int n, double p)
        {
            double worst = 0;
            for (var t = 0; t < _meanDeficit.Length; t++)
            {
                var q = p * _newAnswerBy[t];
                var mean = _meanDeficit[t] + (n * q);
                var variance = _variance[t] + (n * q * (1 - q));
                worst = Math.Max(worst, ExpectedPositivePart(mean, variance));
            }

            var expected = _answersInFlight + (n * p);
            return (expected <= 1e-9 ? 0 : worst / expected, expected);
        }

        private void AddAgent(int t, double chance)
        {
            _meanDeficit[t] -= chance;
            _variance[t] += chance * (1 - chance);
        }
    }

    /// <summary>E[max(D, 0)] for D normal with the given mean and variance.</summary>
    private static double ExpectedPositivePart(double mean, double variance)
    {
        if (variance < 1e-9)
        {
            return Math.Max(mean, 0);
        }

        var sigma = Math.Sqrt(variance);
        var z = mean / sigma;
        var density = Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI);
        return (mean * NormalCdf(z)) + (sigma * density);
    }

    /// <summary>Φ(z) through erfc, Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7).</summary>
    private static double NormalCdf(double z)
    {
        var x = Math.Abs(z) / Math.Sqrt(2);
        var t = 1 / (1 + (0.3275911 * x));
        var poly = t * (0.254829592 + (t * (-0.284496736 + (t * (1.421413741 + (t * (-1.453152027 + (t * 1.061405429))))))));
        var erfc = poly * Math.Exp(-x * x);
        return z >= 0 ? 1 - (0.5 * erfc) : 0.5 * erfc;
    }

    private static void SeedAround(DecayedHistogram histogram, TimeSpan center)
    {
        foreach (var factor in new[] { 0.5, 0.75, 1.0, 1.25, 1.5 })
        {
            histogram.Add(center * factor);
        }
    }
}
