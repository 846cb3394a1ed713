using CtiCore.Domain.Crm;
using CtiCore.Server.Api.Common;

namespace CtiCore.Server.Api.Departments;

internal static class RoutingSettingsValidator
{
    public static void Validate(DepartmentRoutingSettings routing, ValidationErrors errors)
    {
        Range("routing.relationshipWindowDays", routing.RelationshipWindowDays, 0, 3650, errors);
        Range("routing.ringTimeoutSeconds", routing.RingTimeoutSeconds, 5, 300, errors);
        Range("routing.wrapUpSeconds", routing.WrapUpSeconds, 0, 3600, errors);
        Range("routing.maxQueueWaitSeconds", routing.MaxQueueWaitSeconds, 0, 3600, errors);
        Range("routing.missedCallTaskDueMinutes", routing.MissedCallTaskDueMinutes, 0, 10080, errors);
        errors.MaxLength("routing.ringNoAnswerPauseReason", routing.RingNoAnswerPauseReason, 100);
        errors.MaxLength("routing.declinedPauseReason", routing.DeclinedPauseReason, 100);
        errors.MaxLength("routing.unreachablePauseReason", routing.UnreachablePauseReason, 100);
        Range("routing.busyCooldownSeconds", routing.BusyCooldownSeconds, 0, 3600, errors);
        if (!Enum.IsDefined(routing.LoadMetric))
        {
            errors.Add("routing.loadMetric", "is not a load metric.");
        }

        if (!Enum.IsDefined(routing.OverflowAction))
        {
            errors.Add("routing.overflowAction", "is not an overflow action.");
        }
        else if (routing.OverflowAction == OverflowAction.Department && routing.OverflowDepartmentId is null)
        {
            errors.Add("routing.overflowDepartmentId", "is required when overflowAction is Department.");
        }
    }

    private static void Range(string field, int value, int min, int max, ValidationErrors errors)
    {
        if (value < min || value > max)
        {
            errors.Add(field, $"must be between {min} and {max}.");
        }
    }
}
