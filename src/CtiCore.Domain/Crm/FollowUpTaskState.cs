namespace CtiCore.Domain.Crm;

public enum FollowUpTaskState
{
    Open = 0,
    Done = 1,
    Cancelled = 2,
}
