namespace CtiCore.Domain.Crm;

/// <summary>A follow-up for a manager, e.g. "call the client back within 15 minutes".</summary>
public sealed class FollowUpTask
{
    public long Id { get; set; }
    public required string Title { get; set; }
    public long OwnerId { get; set; }
    public User? Owner { get; set; }
    public long? ClientId { get; set; }
    public Client? Client { get; set; }
    public long? InteractionId { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public FollowUpTaskState State { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}
