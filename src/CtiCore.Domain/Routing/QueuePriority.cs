namespace CtiCore.Domain.Routing;

/// <summary>Higher goes first in the queue; within one priority the queue is first come, first served.</summary>
public enum QueuePriority
{
    Normal = 0,
    KnownClient = 1,
    Vip = 2,
}
