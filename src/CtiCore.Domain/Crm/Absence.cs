namespace CtiCore.Domain.Crm;

/// <summary>A planned or unplanned absence; calls for the absent manager go to the substitute.</summary>
public sealed class Absence
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public User? User { get; set; }
    public DateTimeOffset From { get; set; }
    public DateTimeOffset To { get; set; }
    public long? SubstituteUserId { get; set; }
    public User? SubstituteUser { get; set; }
    public string? Reason { get; set; }

    public bool Covers(DateTimeOffset moment) => moment >= From && moment < To;
}
