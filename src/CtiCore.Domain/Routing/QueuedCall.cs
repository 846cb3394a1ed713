using Orleans;

namespace CtiCore.Domain.Routing;

/// <summary>A call waiting in a department queue, with what routing needs to place it when an agent frees up.</summary>
[GenerateSerializer, Alias("CtiCore.Routing.QueuedCall")]
public sealed record QueuedCall
{
    [Id(0)] public string CallId { get; set; } = string.Empty;
    [Id(1)] public QueuePriority Priority { get; set; }

    /// <summary>When the call first entered the queue; a call re-queued after ring-no-answer keeps it.</summary>
    [Id(2)] public DateTimeOffset QueuedSince { get; set; }

    /// <summary>Arrival order, for first-come-first-served within one priority.</summary>
    [Id(3)] public long Ticket { get; set; }

    [Id(4)] public CallerProfile Caller { get; set; } = CallerProfile.Anonymous;
    [Id(5)] public List<long> AlreadyTried { get; set; } = [];
}
