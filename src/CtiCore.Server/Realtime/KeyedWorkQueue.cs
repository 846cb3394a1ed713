namespace CtiCore.Server.Realtime;

/// <summary>
/// Runs work items one after another per key and different keys side by side, at most
/// <c>maxConcurrency</c> at a time. The bridge keys a call's work by the call, so offered → answered → ended of
/// one call are pushed in the order they arrived, while a slow pop (a CRM read, a busy grain) no longer holds up
/// every other call. A lane gives its slot back between items, so one busy key cannot starve the others.
/// </summary>
internal sealed class KeyedWorkQueue<TKey> : IDisposable
    where TKey : notnull
{
    private readonly Dictionary<TKey, Queue<Func<CancellationToken, Task>>> _lanes;
    private readonly SemaphoreSlim _slots;
    private readonly Action<Exception> _onError;
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _idle = NewIdle(completed: true);

    public KeyedWorkQueue(int maxConcurrency, Action<Exception> onError, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        _slots = new SemaphoreSlim(maxConcurrency, maxConcurrency);
        _onError = onError;
        _lanes = new Dictionary<TKey, Queue<Func<CancellationToken, Task>>>(comparer);
    }

    /// <summary>Keys with work running or waiting.</summary>
    public int ActiveKeys
    {
        get
        {
            lock (_lanes)
            {
                return _lanes.Count;
            }
        }
    }

    /// <summary>Queues <paramref name="work"/> behind the key's earlier items; never blocks the caller.</summary>
    public void Enqueue(TKey key, Func<CancellationToken, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        lock (_lanes)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            if (_lanes.TryGetValue(key, out var waiting))
            {
                waiting.Enqueue(work);
                return;
            }

            if (_lanes.Count == 0)
            {
                _idle = NewIdle(completed: false);
            }

            _lanes.Add(key, new Queue<Func<CancellationToken, Task>>());
        }

        // The lane runs on the thread pool, so the producer (a grain turn, a hub call) returns at once.
        _ = Task.Run(() => RunLaneAsync(key, work));
    }

    /// <summary>Completes when no key has work left (for an orderly shutdown and for tests).</summary>
    public Task WhenIdleAsync()
    {
        lock (_lanes)
        {
            return _idle.Task;
        }
    }

    /// <summary>Refuses new work and cancels the token given to running items.</summary>
    public void Stop()
    {
        lock (_lanes)
        {
            _stopping.Cancel();
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _slots.Dispose();
    }

    private async Task RunLaneAsync(TKey key, Func<CancellationToken, Task> first)
    {
        var next = first;
        while (next is not null)
        {
            var token = _stopping.Token;
            try
            {
                await _slots.WaitAsync(token).ConfigureAwait(false);
                try
                {
                    await next(token).ConfigureAwait(false);
                }
                finally
                {
                    _slots.Release();
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // Shutting down: the rest of this lane is dropped below.
            }
#pragma warning disable CA1031 // One failed item must not stop its lane; the caller decides what a failure means.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _onError(ex);
            }

            next = TakeNext(key);
        }
    }

    private Func<CancellationToken, Task>? TakeNext(TKey key)
    {
        lock (_lanes)
        {
            var waiting = _lanes[key];
            if (waiting.Count > 0 && !_stopping.IsCancellationRequested)
            {
                return waiting.Dequeue();
            }

            _lanes.Remove(key);
            if (_lanes.Count == 0)
            {
                _idle.TrySetResult();
            }

            return null;
        }
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            idle.SetResult();
        }

        return idle;
    }
}
