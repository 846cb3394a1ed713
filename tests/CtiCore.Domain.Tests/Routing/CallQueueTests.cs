using CtiCore.Domain.Routing;

namespace CtiCore.Domain.Tests.Routing;

public sealed class CallQueueTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Same_priority_is_first_come_first_served()
    {
        var queue = new CallQueue();
        queue.Enqueue("a", QueuePriority.Normal, T0, CallerProfile.Anonymous, []);
        queue.Enqueue("b", QueuePriority.Normal, T0.AddSeconds(1), CallerProfile.Anonymous, []);
        queue.Enqueue("c", QueuePriority.Normal, T0.AddSeconds(2), CallerProfile.Anonymous, []);

        Assert.Equal(["a", "b", "c"], queue.Entries.Select(e => e.CallId));
    }

    [Fact]
    public void Vip_then_known_clients_go_first_each_in_arrival_order()
    {
        var queue = new CallQueue();
        queue.Enqueue("new1", QueuePriority.Normal, T0, CallerProfile.Anonymous, []);
        queue.Enqueue("known1", QueuePriority.KnownClient, T0.AddSeconds(1), CallerProfile.Anonymous, []);
        queue.Enqueue("vip1", QueuePriority.Vip, T0.AddSeconds(2), CallerProfile.Anonymous, []);
        queue.Enqueue("known2", QueuePriority.KnownClient, T0.AddSeconds(3), CallerProfile.Anonymous, []);
        var position = queue.Enqueue("vip2", QueuePriority.Vip, T0.AddSeconds(4), CallerProfile.Anonymous, []);

        Assert.Equal(["vip1", "vip2", "known1", "known2", "new1"], queue.Entries.Select(e => e.CallId));
        Assert.Equal(2, position);
    }

    [Fact]
    public void A_requeued_call_keeps_its_place_by_first_queue_time()
    {
        var queue = new CallQueue();
        queue.Enqueue("b", QueuePriority.Normal, T0.AddSeconds(5), CallerProfile.Anonymous, []);

        // "a" waited since T0, was offered to an agent who did not answer, and comes back.
        var position = queue.Enqueue("a", QueuePriority.Normal, T0, CallerProfile.Anonymous, [1]);

        Assert.Equal(1, position);
        Assert.Equal([1L], queue.Entries[0].AlreadyTried);
    }

    [Fact]
    public void Enqueue_is_idempotent()
    {
        var queue = new CallQueue();
        queue.Enqueue("a", QueuePriority.Normal, T0, CallerProfile.Anonymous, []);
        queue.Enqueue("b", QueuePriority.Normal, T0.AddSeconds(1), CallerProfile.Anonymous, []);

        Assert.Equal(1, queue.Enqueue("a", QueuePriority.Vip, T0.AddSeconds(9), CallerProfile.Anonymous, []));
        Assert.Equal(2, queue.Count);
        Assert.True(queue.Remove("a"));
        Assert.False(queue.Remove("a"));
        Assert.Equal(0, queue.PositionOf("a"));
    }

    [Fact]
    public void Calls_past_the_maximum_wait_are_taken_out_and_the_next_expiry_is_known()
    {
        var queue = new CallQueue();
        queue.Enqueue("a", QueuePriority.Normal, T0, CallerProfile.Anonymous, []);
        queue.Enqueue("b", QueuePriority.Vip, T0.AddSeconds(30), CallerProfile.Anonymous, []);
        var maxWait = TimeSpan.FromSeconds(120);

        Assert.Equal(T0.AddSeconds(120), queue.NextExpiry(maxWait));
        Assert.Empty(queue.TakeExpired(T0.AddSeconds(119), maxWait));

        var expired = queue.TakeExpired(T0.AddSeconds(120), maxWait);

        Assert.Equal(["a"], expired.Select(e => e.CallId));
        Assert.Equal(["b"], queue.Entries.Select(e => e.CallId));
        Assert.Equal(T0.AddSeconds(150), queue.NextExpiry(maxWait));
    }

    [Theory]
    [InlineData(false, null, false, QueuePriority.Normal)]
    [InlineData(true, 5L, false, QueuePriority.Normal)]
    [InlineData(false, 5L, false, QueuePriority.KnownClient)]
    [InlineData(false, 5L, true, QueuePriority.Vip)]
    public void Priority_comes_from_what_is_known_of_the_caller(bool createdNow, long? clientId, bool vip, QueuePriority expected)
    {
        var caller = new CallerProfile { ClientId = clientId, CreatedNow = createdNow, IsVip = vip };

        Assert.Equal(expected, caller.QueuePriority);
    }
}
