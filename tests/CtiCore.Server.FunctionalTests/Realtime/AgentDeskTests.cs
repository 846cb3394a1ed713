using System.Collections.Concurrent;
using CtiCore.Server.Realtime;

namespace CtiCore.Server.FunctionalTests.Realtime;

/// <summary>The desk's per-agent numbering under concurrent pushes, and its index of who shows which call.</summary>
public sealed class AgentDeskTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Concurrent_pushes_to_one_agent_are_sent_in_sequence_order_without_gaps()
    {
        var desk = new AgentDesk();
        const long Agent = 7;
        const int Pushes = 200;
        var sent = new ConcurrentQueue<long>();
        var otherAgent = new ConcurrentQueue<long>();

        // Many lanes push to the same agent at once, each yielding between taking its number and sending it.
        await Parallel.ForEachAsync(Enumerable.Range(0, Pushes), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Ct }, async (i, _) =>
        {
            await desk.ExclusiveAsync(Agent, async () =>
            {
                var number = desk.NextSequence(Agent);
                await Task.Delay(Random.Shared.Next(0, 2), Ct);
                sent.Enqueue(number);
            });
            if (i % 10 == 0)
            {
                await desk.ExclusiveAsync(Agent + 1, () =>
                {
                    otherAgent.Enqueue(desk.NextSequence(Agent + 1));
                    return Task.CompletedTask;
                });
            }
        });

        Assert.Equal(Enumerable.Range(1, Pushes).Select(n => (long)n), sent);
        Assert.Equal(Pushes, desk.CurrentSequence(Agent));
        Assert.Equal(Enumerable.Range(1, Pushes / 10).Select(n => (long)n), otherAgent.Order());
    }

    [Fact]
    public async Task A_push_to_one_agent_does_not_wait_for_another_agents_push()
    {
        var desk = new AgentDesk();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = desk.ExclusiveAsync(1, async () =>
        {
            started.SetResult();
            await release.Task;
        });
        await started.Task.WaitAsync(Ct);

        await desk.ExclusiveAsync(2, () => Task.CompletedTask).WaitAsync(Ct);
        var sameAgent = desk.ExclusiveAsync(1, () => Task.CompletedTask);
        Assert.False(sameAgent.IsCompleted);

        release.SetResult();
        await Task.WhenAll(slow, sameAgent).WaitAsync(Ct);
    }

    [Fact]
    public void The_index_of_agents_showing_a_call_follows_their_pops()
    {
        var desk = new AgentDesk();
        desk.SetPop(1, Pop("call-x"));
        desk.SetPop(2, Pop("call-x"));
        desk.SetPop(3, Pop("call-y"));
        Assert.Equal([1, 2], desk.AgentsShowing("call-x", except: null));
        Assert.Equal([2], desk.AgentsShowing("call-x", except: 1));

        // Agent 1 moves on to another call, agent 2 clears theirs (wrap-up submitted).
        desk.SetPop(1, Pop("call-y"));
        desk.SetPop(2, null);
        Assert.Empty(desk.AgentsShowing("call-x", except: null));
        Assert.Equal([1, 3], desk.AgentsShowing("call-y", except: null));
        Assert.Equal("call-y", desk.PopOf(1)!.CallId);
        Assert.Null(desk.PopOf(2));
    }

    private static ScreenPop Pop(string callId) => new() { CallId = callId, Stage = "ringing" };
}
