using CtiCore.Domain.Routing;

namespace CtiCore.Grains.Routing;

/// <summary>
/// Persisted state of <see cref="DepartmentRouterGrain"/>: only the queue. Agent snapshots are soft state,
/// rebuilt on activation from the agent grains, which own them.
/// </summary>
[GenerateSerializer, Alias("CtiCore.Grains.RouterState")]
internal sealed class RouterState
{
    [Id(0)] public CallQueue Queue { get; set; } = new();
}
