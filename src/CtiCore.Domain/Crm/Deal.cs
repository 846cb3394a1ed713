namespace CtiCore.Domain.Crm;

/// <summary>A sales opportunity; minimal on purpose until the funnel gets its own feature.</summary>
public sealed class Deal
{
    public long Id { get; set; }
    public required string Title { get; set; }
    public long ClientId { get; set; }
    public Client? Client { get; set; }
    public required string Stage { get; set; }
    public long? OwnerId { get; set; }
    public User? Owner { get; set; }
    public decimal Amount { get; set; }

    /// <summary>ISO 4217 code.</summary>
    public string Currency { get; set; } = "RUB";

    public bool IsClosed { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
