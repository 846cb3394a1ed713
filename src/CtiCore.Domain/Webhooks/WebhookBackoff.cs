namespace CtiCore.Domain.Webhooks;

/// <summary>
/// Exponential backoff with "equal jitter": attempt n waits a random time in [initial·2ⁿ⁻¹ / 2, initial·2ⁿ⁻¹],
/// capped at <see cref="Max"/>. The jitter spreads the retries of many deliveries that failed together
/// (a receiver that was down) so they do not hit it again all at once.
/// </summary>
public sealed record WebhookBackoff(TimeSpan Initial, TimeSpan Max)
{
    /// <param name="failedAttempts">How many attempts failed so far (1 after the first).</param>
    /// <param name="unit">A random number in [0, 1).</param>
    public TimeSpan DelayAfter(int failedAttempts, double unit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        var exponent = Math.Min(failedAttempts - 1, 30);
        var full = Math.Min(Initial.TotalMilliseconds * Math.Pow(2, exponent), Max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(full / 2 + (full / 2 * unit));
    }
}
