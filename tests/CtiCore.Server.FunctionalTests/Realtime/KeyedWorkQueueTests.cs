using System.Collections.Concurrent;
using CtiCore.Server.Realtime;

namespace CtiCore.Server.FunctionalTests.Realtime;

/// <summary>The realtime bridge's lanes: one key's items in order and one at a time, keys side by side, a bounded total.</summary>
public sealed class KeyedWorkQueueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Items_of_one_key_run_one_at_a_time_in_the_order_they_were_queued()
    {
        var errors = new ConcurrentQueue<Exception>();
        using var queue = new KeyedWorkQueue<string>(8, errors.Enqueue);
        var keys = new[] { "call:a", "call:b", "call:c", "agent:1" };
        var done = keys.ToDictionary(k => k, _ => new ConcurrentQueue<int>());
        var running = keys.ToDictionary(k => k, _ => new int[1]);
        var overlaps = 0;
        const int PerKey = 60;

        for (var i = 0; i < PerKey; i++)
        {
            foreach (var key in keys)
            {
                var item = i;
                queue.Enqueue(key, async _ =>
                {
                    if (Interlocked.Increment(ref running[key][0]) > 1)
                    {
                        Interlocked.Increment(ref overlaps);
                    }

                    // Items finish at different speeds; a lane must still keep their order.
                    await Task.Delay(Random.Shared.Next(0, 2), Ct);
                    done[key].Enqueue(item);
                    Interlocked.Decrement(ref running[key][0]);
                });
            }
        }

        await queue.WhenIdleAsync().WaitAsync(Ct);
        Assert.Empty(errors);
        Assert.Equal(0, overlaps);
        Assert.All(keys, key => Assert.Equal(Enumerable.Range(0, PerKey), done[key]));
        Assert.Equal(0, queue.ActiveKeys);
    }

    [Fact]
    public async Task A_blocked_key_does_not_hold_up_another_key()
    {
        using var queue = new KeyedWorkQueue<string>(4, _ => { });
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blockedStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var behindBlocked = false;
        queue.Enqueue("call:slow", async _ =>
        {
            blockedStarted.SetResult();
            await release.Task;
        });
        queue.Enqueue("call:slow", _ =>
        {
            behindBlocked = true;
            return Task.CompletedTask;
        });
        await blockedStarted.Task.WaitAsync(Ct);

        var other = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Enqueue("call:fast", _ =>
        {
            other.SetResult();
            return Task.CompletedTask;
        });

        // The other call is pushed while the slow one still waits, and the slow call's next item still waits its turn.
        await other.Task.WaitAsync(Ct);
        Assert.False(behindBlocked);
        release.SetResult();
        await queue.WhenIdleAsync().WaitAsync(Ct);
        Assert.True(behindBlocked);
    }

    [Fact]
    public async Task No_more_than_the_bound_run_at_once()
    {
        const int Bound = 2;
        using var queue = new KeyedWorkQueue<int>(Bound, _ => { });
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new SemaphoreSlim(0);
        var running = 0;
        var most = 0;
        var keys = Bound * 3;
        for (var key = 0; key < keys; key++)
        {
            queue.Enqueue(key, async _ =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref most, now);
                started.Release();
                await release.Task;
                Interlocked.Decrement(ref running);
            });
        }

        // Exactly the bound get going; the rest wait for a slot.
        for (var i = 0; i < Bound; i++)
        {
            await started.WaitAsync(Ct);
        }

        release.SetResult();
        await queue.WhenIdleAsync().WaitAsync(Ct);
        Assert.Equal(Bound, most);
        Assert.Equal(keys - Bound, started.CurrentCount);
    }

    [Fact]
    public async Task A_failed_item_is_reported_and_its_lane_goes_on()
    {
        var errors = new ConcurrentQueue<Exception>();
        using var queue = new KeyedWorkQueue<string>(2, errors.Enqueue);
        var ran = new List<int>();
        queue.Enqueue("call:x", _ => throw new InvalidOperationException("the CRM is down"));
        queue.Enqueue("call:x", _ =>
        {
            ran.Add(2);
            return Task.CompletedTask;
        });

        await queue.WhenIdleAsync().WaitAsync(Ct);
        Assert.Equal("the CRM is down", Assert.Single(errors).Message);
        Assert.Equal([2], ran);
    }

    [Fact]
    public async Task After_stop_queued_work_is_dropped_and_running_work_sees_the_cancellation()
    {
        using var queue = new KeyedWorkQueue<string>(2, _ => { });
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = false;
        var later = false;
        queue.Enqueue("agent:1", async token =>
        {
            started.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
                throw;
            }
        });
        queue.Enqueue("agent:1", _ =>
        {
            later = true;
            return Task.CompletedTask;
        });
        await started.Task.WaitAsync(Ct);

        queue.Stop();
        queue.Enqueue("agent:2", _ =>
        {
            later = true;
            return Task.CompletedTask;
        });
        await queue.WhenIdleAsync().WaitAsync(Ct);
        Assert.True(cancelled);
        Assert.False(later);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var actual && actual != seen)
        {
            seen = actual;
        }
    }
}
