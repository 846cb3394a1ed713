using System.Diagnostics.CodeAnalysis;
using Orleans;

namespace CtiCore.Domain.Routing;

/// <summary>
/// A department's waiting calls: higher <see cref="QueuePriority"/> first (VIP, then known clients), first come
/// first served within a priority. Idempotent by call id. Settable only for Orleans' cross-assembly serializer.
/// </summary>
[GenerateSerializer, Alias("CtiCore.Routing.CallQueue")]
[SuppressMessage("Naming", "CA1711", Justification = "A call queue is the contact-center term; it is not a Queue<T>.")]
public sealed class CallQueue
{
    /// <summary>Kept in offer order.</summary>
    [Id(0)] public List<QueuedCall> Entries { get; set; } = [];

    [Id(1)] public long NextTicket { get; set; }

    public int Count => Entries.Count;

    /// <summary>Adds the call unless it is already waiting; returns its 1-based position.</summary>
    public int Enqueue(string callId, QueuePriority priority, DateTimeOffset queuedSince, CallerProfile caller, IEnumerable<long> alreadyTried)
    {
        ArgumentException.ThrowIfNullOrEmpty(callId);
        var existing = PositionOf(callId);
        if (existing > 0)
        {
            return existing;
        }

        var entry = new QueuedCall
        {
            CallId = callId,
            Priority = priority,
            QueuedSince = queuedSince,
            Ticket = NextTicket++,
            Caller = caller,
            AlreadyTried = [.. alreadyTried],
        };

        // Insert after every entry that goes first: a higher priority, or the same priority with an earlier arrival.
        var index = Entries.FindIndex(e => e.Priority < priority || (e.Priority == priority && e.QueuedSince > queuedSince));
        if (index < 0)
        {
            index = Entries.Count;
        }

        Entries.Insert(index, entry);
        return index + 1;
    }

    public bool Remove(string callId) => Entries.RemoveAll(e => e.CallId == callId) > 0;

    /// <summary>1-based position, or 0 when the call is not waiting.</summary>
    public int PositionOf(string callId) => Entries.FindIndex(e => e.CallId == callId) + 1;

    /// <summary>Removes and returns the calls that have waited <paramref name="maxWait"/> or longer.</summary>
    public IReadOnlyList<QueuedCall> TakeExpired(DateTimeOffset now, TimeSpan maxWait)
    {
        var expired = Entries.Where(e => now - e.QueuedSince >= maxWait).ToList();
        foreach (var e in expired)
        {
            Entries.Remove(e);
        }

        return expired;
    }

    /// <summary>When the next call reaches <paramref name="maxWait"/>, if any waits.</summary>
    public DateTimeOffset? NextExpiry(TimeSpan maxWait) =>
        Entries.Count == 0 ? null : Entries.Min(e => e.QueuedSince) + maxWait;
}
