using System.Collections.Concurrent;

namespace CtiCore.Server.Realtime;

/// <summary>
/// This silo's memory of what each agent's desktop should show: the sequence number of the agent's messages,
/// the live pop (ringing, talking or waiting for wrap-up) and since when the agent is in their status.
/// SignalR does not guarantee delivery, so the client compares sequence numbers and calls
/// <c>GetSnapshot</c> on a gap; this is what the snapshot is made of. The bridge pushes to several agents at once,
/// so each agent's messages go through <see cref="ExclusiveAsync"/>: numbered and sent one at a time, their
/// sequence numbers reach the client in order and without gaps.
/// </summary>
internal sealed class AgentDesk
{
    private readonly ConcurrentDictionary<long, Slot> _slots = new();
    private readonly ConcurrentDictionary<string, byte> _held = new(StringComparer.Ordinal);

    /// <summary>Call id → agents whose live pop it is; kept with the pops so a call event finds them without a scan of every agent.</summary>
    private readonly Dictionary<string, HashSet<long>> _showing = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs <paramref name="push"/> with no other push to the same agent in between, so the numbers it takes with
    /// <see cref="NextSequence"/> are sent in the order they were taken. Pushes to different agents do not wait.
    /// </summary>
    public async Task ExclusiveAsync(long agentId, Func<Task> push)
    {
        ArgumentNullException.ThrowIfNull(push);
        var gate = SlotOf(agentId).Gate;
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await push().ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    public long NextSequence(long agentId)
    {
        var slot = SlotOf(agentId);
        return Interlocked.Increment(ref slot.Sequence);
    }

    public long CurrentSequence(long agentId) => Interlocked.Read(ref SlotOf(agentId).Sequence);

    public ScreenPop? PopOf(long agentId) => SlotOf(agentId).Pop;

    public void SetPop(long agentId, ScreenPop? pop)
    {
        var slot = SlotOf(agentId);
        lock (_showing)
        {
            if (slot.Pop?.CallId is { } before && _showing.TryGetValue(before, out var agents) && agents.Remove(agentId) && agents.Count == 0)
            {
                _showing.Remove(before);
            }

            slot.Pop = pop;
            if (pop is not null)
            {
                if (!_showing.TryGetValue(pop.CallId, out var showing))
                {
                    _showing[pop.CallId] = showing = [];
                }

                showing.Add(agentId);
            }
        }
    }

    /// <summary>Agents other than <paramref name="except"/> whose live pop is <paramref name="callId"/>.</summary>
    public IReadOnlyList<long> AgentsShowing(string callId, long? except)
    {
        lock (_showing)
        {
            return _showing.TryGetValue(callId, out var agents) ? [.. agents.Where(a => a != except).Order()] : [];
        }
    }

    /// <summary>Records the status and returns since when the agent is in it.</summary>
    public DateTimeOffset Since(long agentId, string status, DateTimeOffset now)
    {
        var slot = SlotOf(agentId);
        lock (slot)
        {
            if (slot.Status != status || slot.StatusSince is null)
            {
                slot.Status = status;
                slot.StatusSince = now;
            }

            return slot.StatusSince.Value;
        }
    }

    /// <summary>The call grain does not track hold; the desktop learns it from the PBX's held/resumed events.</summary>
    public void SetHeld(string callId, bool held)
    {
        if (held)
        {
            _held[callId] = 0;
        }
        else
        {
            _held.TryRemove(callId, out _);
        }
    }

    public bool IsHeld(string callId) => _held.ContainsKey(callId);

    private Slot SlotOf(long agentId) => _slots.GetOrAdd(agentId, _ => new Slot());

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The gate is only used with WaitAsync/Release, which never allocate a wait handle; there is nothing to dispose.")]
    private sealed class Slot
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public long Sequence;
        public volatile ScreenPop? Pop;
        public string? Status;
        public DateTimeOffset? StatusSince;
    }
}
