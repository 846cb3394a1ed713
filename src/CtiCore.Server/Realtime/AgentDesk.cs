using System.Collections.Concurrent;

namespace CtiCore.Server.Realtime;

/// <summary>
/// This silo's memory of what each agent's desktop should show: the sequence number of the agent's messages,
/// the live pop (ringing, talking or waiting for wrap-up) and since when the agent is in their status.
/// SignalR does not guarantee delivery, so the client compares sequence numbers and calls
/// <c>GetSnapshot</c> on a gap; this is what the snapshot is made of.
/// </summary>
internal sealed class AgentDesk
{
    private readonly ConcurrentDictionary<long, Slot> _slots = new();
    private readonly ConcurrentDictionary<string, byte> _held = new(StringComparer.Ordinal);

    public long NextSequence(long agentId)
    {
        var slot = SlotOf(agentId);
        return Interlocked.Increment(ref slot.Sequence);
    }

    public long CurrentSequence(long agentId) => Interlocked.Read(ref SlotOf(agentId).Sequence);

    public ScreenPop? PopOf(long agentId) => SlotOf(agentId).Pop;

    public void SetPop(long agentId, ScreenPop? pop) => SlotOf(agentId).Pop = pop;

    /// <summary>Agents other than <paramref name="except"/> whose live pop is <paramref name="callId"/>.</summary>
    public IReadOnlyList<long> AgentsShowing(string callId, long? except) =>
        [.. _slots.Where(s => s.Key != except && s.Value.Pop?.CallId == callId).Select(s => s.Key)];

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

    private sealed class Slot
    {
        public long Sequence;
        public volatile ScreenPop? Pop;
        public string? Status;
        public DateTimeOffset? StatusSince;
    }
}
