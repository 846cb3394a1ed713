using Microsoft.Extensions.Logging;

namespace CtiCore.Grains.Timing;

/// <summary>
/// A one-shot timer on the CtiCore clock that calls back into a grain through its own reference, so the
/// callback runs as an ordinary grain call (one turn at a time, idempotent handler). The deadline itself is kept
/// in grain state, so a reactivated grain arms it again; this object only holds the in-memory timer, which the
/// owning grain cancels on deactivation.
/// </summary>
internal sealed class GrainDeadline
{
    private ITimer? _timer;

    public void Schedule(TimeProvider time, DateTimeOffset dueAt, Func<Task> onDue, ILogger logger)
    {
        Cancel();
        var delay = dueAt - time.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            // Already due: the message is queued behind the current turn, never run inside it.
            _ = Fire(onDue, logger);
            return;
        }

        _timer = time.CreateTimer(_ => _ = Fire(onDue, logger), null, delay, Timeout.InfiniteTimeSpan);
    }

    public void Cancel()
    {
        _timer?.Dispose();
        _timer = null;
    }

    private static async Task Fire(Func<Task> onDue, ILogger logger)
    {
        try
        {
            await onDue();
        }
#pragma warning disable CA1031 // A timer callback has nobody to throw to: log and let the state-driven retry handle it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            GrainLog.DeadlineCallbackFailed(logger, ex);
        }
    }
}
