using CtiCore.Domain.Crm;
using Orleans;

namespace CtiCore.Domain.Routing;

/// <summary>A department's routing configuration as grains carry it (a copy of <see cref="DepartmentRoutingSettings"/>).</summary>
[GenerateSerializer, Immutable, Alias("CtiCore.Routing.RoutingSettings")]
public sealed record RoutingSettings
{
    public static readonly RoutingSettings Default = From(new DepartmentRoutingSettings());

    [Id(0)] public LoadMetric LoadMetric { get; set; }
    [Id(1)] public int RelationshipWindowDays { get; set; }
    [Id(2)] public int RingTimeoutSeconds { get; set; }
    [Id(3)] public int WrapUpSeconds { get; set; }
    [Id(4)] public string RingNoAnswerPauseReason { get; set; } = string.Empty;
    [Id(5)] public int MaxQueueWaitSeconds { get; set; }
    [Id(6)] public OverflowAction OverflowAction { get; set; }
    [Id(7)] public long? OverflowDepartmentId { get; set; }
    [Id(8)] public bool CreateClientForUnknownCaller { get; set; }
    [Id(9)] public int MissedCallTaskDueMinutes { get; set; }
    [Id(10)] public string DeclinedPauseReason { get; set; } = string.Empty;
    [Id(11)] public string UnreachablePauseReason { get; set; } = string.Empty;
    [Id(12)] public int BusyCooldownSeconds { get; set; }

    public static RoutingSettings From(DepartmentRoutingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new RoutingSettings
        {
            LoadMetric = settings.LoadMetric,
            RelationshipWindowDays = settings.RelationshipWindowDays,
            RingTimeoutSeconds = settings.RingTimeoutSeconds,
            WrapUpSeconds = settings.WrapUpSeconds,
            RingNoAnswerPauseReason = settings.RingNoAnswerPauseReason,
            MaxQueueWaitSeconds = settings.MaxQueueWaitSeconds,
            OverflowAction = settings.OverflowAction,
            OverflowDepartmentId = settings.OverflowDepartmentId,
            CreateClientForUnknownCaller = settings.CreateClientForUnknownCaller,
            MissedCallTaskDueMinutes = settings.MissedCallTaskDueMinutes,
            DeclinedPauseReason = settings.DeclinedPauseReason,
            UnreachablePauseReason = settings.UnreachablePauseReason,
            BusyCooldownSeconds = settings.BusyCooldownSeconds,
        };
    }
}
