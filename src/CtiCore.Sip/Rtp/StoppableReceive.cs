using System.Runtime.CompilerServices;

namespace CtiCore.Sip.Rtp;

/// <summary>
/// Awaits a socket receive that a stop token may abort, giving <see cref="Stopped"/> instead of the exception an
/// aborted receive throws. Every relayed call ends by aborting four pending receives; thrown through the async
/// machinery each abort cost tens of microseconds, a measurable share of a whole call's CPU in the SIP call bench.
/// A receive that fails while the token is not cancelled still throws, so the caller sees real socket errors.
/// </summary>
internal readonly struct StoppableReceive(ValueTask<int> receive, CancellationToken stop) : ICriticalNotifyCompletion
{
    /// <summary>What <see cref="GetResult"/> gives for a receive ended by the stop token.</summary>
    public const int Stopped = -1;

    public bool IsCompleted => receive.IsCompleted;

    public StoppableReceive GetAwaiter() => this;

    public int GetResult() =>
        // The token is asked, not the receive's status: the socket's awaitable reports an aborted receive as
        // succeeded until its result is read, which is what throws. Once stopping, the result is not read at all
        // (the socket is being closed, so its cached receive operation is never reused; a packet that raced the
        // stop is dropped with the call).
        stop.IsCancellationRequested ? Stopped : receive.GetAwaiter().GetResult();

    public void OnCompleted(Action continuation) => receive.ConfigureAwait(false).GetAwaiter().OnCompleted(continuation);

    public void UnsafeOnCompleted(Action continuation) => receive.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(continuation);
}
