namespace CtiCore.Domain.Crm;

public enum LoadMetric
{
    /// <summary>The agent whose last call ended longest ago.</summary>
    LongestIdle = 0,
    FewestCallsToday = 1,
    LeastTalkTimeToday = 2,
}
